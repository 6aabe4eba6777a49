/** Tells waiting subscriptions that this process has just appended. */
export class AppendSignal {
  private appends = 0;
  private readonly listeners = new Set<() => void>();

  /** How many appends were signalled so far: compare before and after a read to miss none. */
  get count(): number {
    return this.appends;
  }

  notify(): void {
    this.appends += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` on every notify until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
