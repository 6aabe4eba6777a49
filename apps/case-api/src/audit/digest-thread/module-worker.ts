import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

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
  const extension = extname(callerFile);
  const transpiler = extension === '.ts' ? findTranspiler(dirname(callerFile)) : null;
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, entry: join(dirname(callerFile), `${entry}${extension}`), transpiler },
  });
}

function findTranspiler(from: string): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'scripts', 'swc-register.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) throw new Error(`scripts/swc-register.js not found above ${from}`);
  }
}
