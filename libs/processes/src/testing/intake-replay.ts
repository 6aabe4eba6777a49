import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { CatchUpWorker } from '@app/projections';
import { intakeNumberingHandler } from '../intake/intake-numbering.process';
import type { ApplicationDispatch } from '../system-dispatch';
import type { ProcessHarness } from './process-harness';

/**
 * Runs a new intake-numbering worker on `db` over the harness's log up to `head` (a first start on
 * an existing store, or a read-model file deleted); returns the types of the commands it sent.
 * `batchSize` 1 hands it one event per batch, so no batch already records what it would send.
 */
export async function replayIntakeNumbering(
  db: Database.Database,
  bench: ProcessHarness,
  head: number,
  batchSize?: number,
): Promise<string[]> {
  const sent: string[] = [];
  const counting: ApplicationDispatch = async (applicationId, command, context) => {
    sent.push(command.type);
    return bench.dispatch(applicationId, command, context);
  };
  const replay = new CatchUpWorker(bench.store, intakeNumberingHandler(db, counting, bench.now), batchSize);
  replay.start();
  for (const deadline = Date.now() + 10_000; replay.status().checkpoint < head; await sleep(10)) {
    if (Date.now() > deadline) throw new Error(`replay stuck at ${replay.status().checkpoint} of ${head}`);
  }
  await replay.stop();
  return sent;
}
