import { getPriority } from 'node:os';
import { parentPort, resourceLimits } from 'node:worker_threads';

/**
 * A module worker that answers with its own thread's nice value (`getPriority(0)` is the calling
 * thread on Linux) and the resource limits its heap was given.
 */
parentPort!.postMessage({ nice: getPriority(0), resourceLimits });
