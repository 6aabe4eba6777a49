import { getPriority } from 'node:os';
import { once } from 'node:events';
import { startModuleWorker, type ThreadPriority } from './module-worker';

/** The nice value the worker's thread runs at, as the thread itself reads it. */
async function niceOfThread(priority?: ThreadPriority): Promise<number> {
  const thread = startModuleWorker(__filename, 'testing/thread-priority.fixture', {}, priority);
  const [nice] = (await once(thread, 'message')) as [number];
  await thread.terminate();
  return nice;
}

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
});
