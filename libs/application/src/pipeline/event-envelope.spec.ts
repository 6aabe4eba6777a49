import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { verifyChain } from '@app/integrity';
import { canonicalJson } from '@app/kernel';
import type { CommandContext } from './command-context';
import { envelope } from './event-envelope';

const context: CommandContext = {
  commandId: 'b7d1c0de-0000-4000-8000-000000000001',
  correlationId: 'correlation-1',
  causationId: 'request-1',
  actor: { id: 'officer-7', role: 'officer' },
  now: '2024-05-02T14:03:00.000Z',
};
const sealedOne = (stream: string, data: Record<string, unknown>) =>
  envelope(stream, [{ type: 'NoteAdded', data }], 'AddNote', context, { firstRevision: 0, previousHash: null })[0];

describe('envelope: the data text an event was hashed over travels with it, out of sight of copies', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-envelope-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries the canonical JSON of its data, which neither a spread nor JSON.stringify copies', () => {
    const sealed = sealedOne('note-1', { text: 'seen', at: 1 });

    expect(sealed.dataJson).toBe(canonicalJson({ text: 'seen', at: 1 }));
    expect(Object.keys(sealed)).toEqual(['eventId', 'type', 'data', 'metadata']);
    expect({ ...sealed }).not.toHaveProperty('dataJson');
    expect(JSON.parse(JSON.stringify(sealed))).not.toHaveProperty('dataJson');
  });

  it('stores the data of a copy made with other data, not the text of the event it was copied from', async () => {
    const sealed = sealedOne('note-2', { text: 'original' });
    const copies = [
      { ...sealed, data: { text: 'spread copy' } },
      { ...(JSON.parse(JSON.stringify(sealed)) as typeof sealed), data: { text: 'JSON copy' } },
    ];

    await store.appendToStream('note-2', [copies[0]], { expectedRevision: 'no-stream' });
    await store.appendToStream('note-3', [{ ...copies[1], eventId: 'b7d1c0de-0000-4000-8000-0000000000ff' }], {
      expectedRevision: 'no-stream',
    });

    expect((await store.readStream('note-2'))[0].data).toEqual({ text: 'spread copy' });
    expect((await store.readStream('note-3'))[0].data).toEqual({ text: 'JSON copy' });
  });

  it('stores the sealed event itself with the text its hash covers, so that its chain verifies', async () => {
    const sealed = sealedOne('note-4', { text: 'kept', list: [2, 1] });

    await store.appendToStream('note-4', [sealed], { expectedRevision: 'no-stream' });

    const stored = await store.readStream('note-4');
    expect(stored[0].data).toEqual({ text: 'kept', list: [2, 1] });
    expect(verifyChain(stored)).toEqual({ valid: true, checkedEvents: 1 });
  });
});
