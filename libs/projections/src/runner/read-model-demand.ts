import type { ProjectionSlot } from './projection-slot';

/**
 * What readers wait for the read models to reach. A read model that gathers commits at the head
 * of the log (CatchUpWorker's `gatherMs`) takes its next batch at once when a reader waits for it,
 * and keeps doing so after every batch until it has reached the position the reader wants.
 */
export class ReadModelDemand {
  /** The position a reader waits for each read model (by name) to reach. */
  private readonly wanted = new Map<string, number>();

  constructor(private readonly slots: readonly ProjectionSlot[]) {}

  /** A reader waits for the named read models (null: all) to reach `position`: those behind are hurried. */
  want(names: readonly string[] | null, position: number): void {
    for (const slot of this.slots) {
      if ((names && !names.includes(slot.name)) || slot.workerStatus().checkpoint >= position) continue;
      this.wanted.set(slot.name, Math.max(this.wanted.get(slot.name) ?? 0, position));
      slot.hurry();
    }
  }

  /** After a worker's progress: hurries again the read models still behind what is wanted of them. */
  progressed(): void {
    for (const slot of this.slots) {
      const wanted = this.wanted.get(slot.name);
      if (wanted === undefined) continue;
      if (slot.workerStatus().checkpoint >= wanted) this.wanted.delete(slot.name);
      else slot.hurry();
    }
  }
}
