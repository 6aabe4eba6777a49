import { dirname, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { transpilerFor } from '@app/event-store';

/**
 * A worker's first lines: from the TypeScript sources (jest, `node -r scripts/swc-register.js`) it
 * registers the transpiler the parent runs under, then loads the module; from the build it loads
 * the compiled module. `eval`, so the bootstrap itself needs neither.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.transpiler) require(workerData.transpiler);
require(workerData.entry);
`;

/**
 * Starts the module `entry` (a file beside `callerFile`, named without its extension) on a worker
 * thread, with `data` as its `workerData`: the same code runs from the sources and from `dist/`.
 */
export function startModuleWorker(callerFile: string, entry: string, data: object): Worker {
  const file = join(dirname(callerFile), `${entry}${extname(callerFile)}`);
  return new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, entry: file, transpiler: transpilerFor(file) } });
}
