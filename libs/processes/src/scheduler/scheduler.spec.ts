import { ManualClock } from '@app/application';
import { Scheduler, type ScheduledJob } from './scheduler';

const recording = (seen: string[], name = 'job'): ScheduledJob => ({ name, run: async (now) => void seen.push(now) });
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Scheduler', () => {
  const clock = new ManualClock('2024-05-03T14:03:00Z');
  let scheduler: Scheduler | undefined;
  afterEach(() => scheduler?.stop());

  it('ticks once at start, after the read models caught up, with the clock’s now', async () => {
    const seen: string[] = [];
    let caughtUp = false;
    scheduler = new Scheduler([recording(seen)], clock, {
      tickMs: 86_400_000,
      beforeFirstTick: async () => {
        await later(20);
        caughtUp = true;
        expect(seen).toEqual([]);
      },
    });
    scheduler.start();
    await scheduler.tick();
    expect(caughtUp).toBe(true);
    expect(seen).toEqual(['2024-05-03T14:03:00.000Z', '2024-05-03T14:03:00.000Z']);
  });

  it('ticks again every tickMs after the previous tick', async () => {
    const startedAt: number[] = [];
    const timed: ScheduledJob = { name: 'timed', run: async () => void startedAt.push(performance.now()) };
    scheduler = new Scheduler([timed], clock, { tickMs: 10 });
    scheduler.start();
    // Waits for the ticks rather than counting them after a fixed time: a loaded machine delays timers.
    for (const deadline = performance.now() + 4_000; startedAt.length < 3 && performance.now() < deadline;)
      await later(5);
    expect(startedAt.length).toBeGreaterThanOrEqual(3);
    // A timer may fire up to a millisecond early against performance.now() (the loop's cached time).
    for (let i = 1; i < startedAt.length; i++) expect(startedAt[i] - startedAt[i - 1]).toBeGreaterThanOrEqual(8.5);
  });

  it('never runs two ticks at once', async () => {
    let running = 0;
    let most = 0;
    const slow: ScheduledJob = {
      name: 'slow',
      run: async () => {
        most = Math.max(most, ++running);
        await later(5);
        running--;
      },
    };
    scheduler = new Scheduler([slow], clock, { tickMs: 10 });
    scheduler.start();
    await Promise.all([scheduler.tick(), scheduler.tick(), later(50)]);
    expect(most).toBe(1);
  });

  it("runs each job only once the read models' write gate lets it through, naming the job", async () => {
    const seen: string[] = [];
    const job = recording(seen);
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const writers: unknown[] = [];
    scheduler = new Scheduler([job], clock, {
      tickMs: 86_400_000,
      writeGate: {
        async whenWritable(writer, write) {
          writers.push(writer);
          await opened;
          return write();
        },
      },
    });
    const ticked = scheduler.tick();
    await later(20);
    expect(seen).toEqual([]);
    open();
    await ticked;
    expect(seen).toEqual(['2024-05-03T14:03:00.000Z']);
    expect(writers).toEqual([job]);
  });

  it('reports a failing job and still runs the others, on this tick and the next', async () => {
    const seen: string[] = [];
    const failures: string[] = [];
    const failing: ScheduledJob = { name: 'failing', run: async () => Promise.reject(new Error('store down')) };
    scheduler = new Scheduler([failing, recording(seen)], clock, {
      tickMs: 86_400_000,
      onJobFailed: (job) => failures.push(job),
    });
    await scheduler.tick();
    await scheduler.tick();
    expect({ seen: seen.length, failures }).toEqual({ seen: 2, failures: ['failing', 'failing'] });
  });

  it('stops without waiting for a catch-up that does not end', async () => {
    const seen: string[] = [];
    scheduler = new Scheduler([recording(seen)], clock, {
      tickMs: 10,
      beforeFirstTick: () => new Promise(() => undefined),
    });
    scheduler.start();
    await scheduler.stop();
    await later(30);
    expect(seen).toEqual([]);
  });
});
