import { getPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

/** A module worker that answers with its own thread's nice value (`getPriority(0)` is the calling thread on Linux). */
parentPort!.postMessage(getPriority(0));
