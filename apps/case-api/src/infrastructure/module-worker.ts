import { dirname, extname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { transpilerFor } from '@app/event-store';

/**
 * How a worker's thread competes for the cores. `background`: the lowest scheduling priority (nice
 * 19) for work that may wait while requests are served, such as the digest signer's rounds. Linux
 * only, where a nice value belongs to one thread; elsewhere it would lower the whole process, so
 * the thread keeps its priority there.
 */
export type ThreadPriority = 'normal' | 'background';

/**
 * A worker's first lines: it lowers its own thread's priority when asked (`setPriority(0, …)` is
 * the calling thread on Linux); from the TypeScript sources (jest, `node -r
 * scripts/swc-register.js`) it registers the transpiler the parent runs under, then loads the
 * module; from the build it loads the compiled module. `eval`, so the bootstrap itself needs neither.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.background) require('node:os').setPriority(0, require('node:os').constants.priority.PRIORITY_LOW);
if (workerData.transpiler) require(workerData.transpiler);
require(workerData.entry);
`;

/**
 * Starts the module `entry` (a file beside `callerFile`, named without its extension) on a worker
 * thread, with `data` as its `workerData`: the same code runs from the sources and from `dist/`.
 * `resourceLimits` bound the thread's own V8 heap (Node's defaults otherwise).
 */
export function startModuleWorker(
  callerFile: string,
  entry: string,
  data: object,
  priority: ThreadPriority = 'normal',
  resourceLimits: ResourceLimits = {},
): Worker {
  const file = join(dirname(callerFile), `${entry}${extname(callerFile)}`);
  const background = priority === 'background' && process.platform === 'linux';
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, entry: file, transpiler: transpilerFor(file), background },
    resourceLimits,
  });
}
