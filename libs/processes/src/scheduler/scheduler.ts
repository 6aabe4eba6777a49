import type { Clock } from '@app/application';

/** Work done on every tick at the clock's `now` (UTC ISO-8601); it throws to be retried on the next tick. */
export type ScheduledJob = Readonly<{ name: string; run(now: string): Promise<void> }>;

/**
 * The read-model file's writers' gate (`ProjectionRunner.whenWritable`): closed while a rebuild's
 * thread holds the file's write lock, so that a job's writes wait as a promise, not in SQLite's
 * busy handler on the event loop.
 */
export type ReadModelWriteGate = Readonly<{
  whenWritable<T>(writer: object, write: () => Promise<T>): Promise<T>;
}>;

export type SchedulerOptions = Readonly<{
  tickMs: number;
  /** Each job runs once the gate is open; none: at once. */
  writeGate?: ReadModelWriteGate;
  /** Awaited before the first tick (the read models catching up); a rejection does not stop the scheduler. */
  beforeFirstTick?: () => Promise<void>;
  onJobFailed?: (job: string, error: unknown) => void;
}>;

/**
 * The durable scheduler: it keeps no timers of its own. Every tick reads what is due from the read
 * models at the clock's now, so a timer that fell due while no worker ran fires on the first tick
 * after start. Ticks never overlap.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = true;
  private wakeOnStop: () => void = () => undefined;

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
  ) {}

  /** Ticks once at once (after `beforeFirstTick`), then every `tickMs` after the previous tick ends. */
  start(): void {
    this.stopped = false;
    const stopping = new Promise<void>((resolve) => (this.wakeOnStop = resolve));
    const ready = this.options.beforeFirstTick?.().catch(() => undefined) ?? Promise.resolve();
    this.running = Promise.race([ready, stopping]).then(() => this.loop());
  }

  /** Runs every job once at the clock's now, after any tick in progress. */
  tick(): Promise<void> {
    const next = this.running.then(() => this.runJobs());
    this.running = next;
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeOnStop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    await this.runJobs();
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.loop());
    }, this.options.tickMs);
  }

  private async runJobs(): Promise<void> {
    const now = this.clock.now().toISOString();
    for (const job of this.jobs) {
      try {
        const { writeGate } = this.options;
        await (writeGate ? writeGate.whenWritable(job, () => job.run(now)) : job.run(now));
      } catch (error) {
        this.options.onJobFailed?.(job.name, error);
      }
    }
  }
}
