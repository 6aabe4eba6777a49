import { getPriority } from 'node:os';
import { once } from 'node:events';
import type { ResourceLimits } from 'node:worker_threads';
import { startModuleWorker, type ThreadPriority } from './module-worker';

type ThreadReport = { nice: number; resourceLimits: ResourceLimits };

/** The nice value the worker's thread runs at and its heap's limits, as the thread itself reads them. */
async function reportOfThread(priority?: ThreadPriority, limits?: ResourceLimits): Promise<ThreadReport> {
  const thread = startModuleWorker(__filename, 'testing/thread-priority.fixture', {}, priority, limits);
  const [report] = (await once(thread, 'message')) as [ThreadReport];
  await thread.terminate();
  return report;
}

const niceOfThread = async (priority?: ThreadPriority) => (await reportOfThread(priority)).nice;

describe('startModuleWorker', () => {
  const linux = process.platform === 'linux';

  it('runs a background thread at the lowest priority on Linux, and only that thread', async () => {
    const before = getPriority(0);
    expect(await niceOfThread('background')).toBe(linux ? 19 : before);
    expect(getPriority(0)).toBe(before);
  });

  it('leaves a normal thread at the priority of the thread that started it', async () => {
    expect(await niceOfThread()).toBe(getPriority(0));
    expect(await niceOfThread('normal')).toBe(getPriority(0));
  });

  it("gives the thread's heap the resource limits asked for, and Node's own otherwise", async () => {
    const { resourceLimits: bounded } = await reportOfThread('background', { maxYoungGenerationSizeMb: 8 });
    const { resourceLimits: unbounded } = await reportOfThread();
    expect(bounded.maxYoungGenerationSizeMb).toBe(8);
    expect(unbounded.maxYoungGenerationSizeMb).not.toBe(8);
  });
});
