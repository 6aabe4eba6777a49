import type { RecordedEvent } from '@app/event-store';
import { applyPastCheckpoint } from './batch-commit';
import { openReadModelDatabase, writeCheckpoint } from './read-model-database';

const event = (position: number): RecordedEvent => ({
  streamName: 'application-1',
  revision: position - 1,
  position,
  eventId: `e-${position}`,
  type: 'Happened',
  data: {},
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('applyPastCheckpoint', () => {
  const failingIn = (step: 'apply' | 'finish', error: Error) => () => ({
    apply(recorded: RecordedEvent) {
      if (step === 'apply' && recorded.position === 3) throw error;
    },
    finish() {
      if (step === 'finish') throw error;
    },
  });
  const batch = [event(1), event(2), event(3)];
  /** The batch applied past a checkpoint at position 1: event 1 is skipped. */
  const run = (openBatch: ReturnType<typeof failingIn>) => () => {
    const db = openReadModelDatabase(':memory:');
    writeCheckpoint(db, 'test', 1, '2026-01-01T00:00:00.000Z');
    applyPastCheckpoint(db, 'test', batch, openBatch, '2026-01-01T00:00:00.000Z');
  };
  const poisonAt = (position: number) =>
    expect.objectContaining({ name: 'PoisonEventError', event: expect.objectContaining({ position }) });

  it('names the event that failed in apply as poison', () => {
    expect(run(failingIn('apply', new Error('bad data')))).toThrow(poisonAt(3));
  });

  it('names the last event applied when the batch fails in finish, never one at or below the checkpoint', () => {
    expect(run(failingIn('finish', new Error('cannot write the row')))).toThrow(poisonAt(3));
  });

  it('lets a failure of the read-model file through, for the worker to retry', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(run(failingIn('finish', full))).toThrow(full);
  });
});
