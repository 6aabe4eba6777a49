import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend } from '@app/event-store';
import { eventIdFor } from '../deterministic-uuid';
import { eventHash } from '../hash-chain';

/**
 * A hash-chained stream of `length` events, linked and hashed the way the command pipeline
 * stores them (metadata with an actor and `previousHash`, then `hash`). What the events say does
 * not matter to tamper evidence, so they are plain steps rather than a case's life.
 */
export function chainedStream(streamName: string, length = 6): EventToAppend[] {
  const stored: EventToAppend[] = [];
  let previousHash: string | null = null;
  for (let revision = 0; revision < length; revision++) {
    const commandId = randomUUID();
    const type = 'StepRecorded';
    const data = { step: revision + 1, location: 'Montréal', notes: `step ${revision + 1}` };
    const unsealed = {
      eventId: eventIdFor(commandId, 0),
      commandId,
      actor: { id: `officer-${revision}`, role: 'officer' },
      recordedAt: '2024-05-02T14:03:00.000Z',
      previousHash,
    };
    const hash: string = eventHash({ streamName, revision, type, data, metadata: unsealed });
    stored.push({ eventId: unsealed.eventId, type, data, metadata: { ...unsealed, hash } });
    previousHash = hash;
  }
  return stored;
}

/** Appends `count` new chained streams of `length` events; returns their names. */
export async function appendChainedStreams(store: EventStore, count: number, length = 6): Promise<string[]> {
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `ledger-${randomUUID()}`;
    await store.appendToStream(name, chainedStream(name, length), { expectedRevision: 'no-stream' });
    names.push(name);
  }
  return names;
}
