import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applicationDecider, applicationStreamName, type ApplicationEvent } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { EXTENSION_ID, requestExtension } from '@app/testing';
import { caseStream } from '../../testing/case-streams.fixture';
import { viewAt } from '../../audit/application-history';
import { verifyChain } from '@app/integrity';
import { envelope } from '../event-envelope';
import { asStoredShape } from '../stream-loader';
import { extensionRefusedV1, type ExtensionRefusedV1 } from './extension-refused-v1.upcaster';
import { upcast, upcasterRegistry } from './upcaster';

const v1: ExtensionRefusedV1 = { extensionId: EXTENSION_ID, decidedOn: '2027-04-15', reason: 'No AOR on file' };

describe('upcasting on read', () => {
  it('turns an ExtensionRefusedV1 into the current shape and leaves current events alone', () => {
    const registry = upcasterRegistry([extensionRefusedV1]);
    expect(upcast({ type: 'ExtensionRefused', data: v1 }, registry)).toEqual({
      type: 'ExtensionRefused',
      data: { extensionId: EXTENSION_ID, decidedOn: '2027-04-15', reasons: ['No AOR on file'] },
    });
    const current = {
      type: 'ExtensionRefused',
      data: { extensionId: EXTENSION_ID, decidedOn: '2027-04-15', reasons: ['a', 'b'] },
    };
    expect(upcast(current, registry)).toEqual(current);
    expect(upcast({ type: 'ApplicationApproved', data: { reason: 'x' } }, registry)).toEqual({
      type: 'ApplicationApproved',
      data: { reason: 'x' },
    });
  });

  it('refuses upcasters that never settle', () => {
    const looping = upcasterRegistry([
      { type: 'T', from: 'TV1', recognises: () => true, upcast: (data) => ({ ...data }) },
    ]);
    expect(() => upcast({ type: 'T', data: {} }, looping)).toThrow(/do not settle/);
  });

  describe('a stream holding a V1 event in the SQLite store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'upcasting-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('replays through the domain in the current shape while the stored row and its hash chain stay as written', async () => {
      const id = randomUUID();
      const stream = applicationStreamName(id);
      const lived = caseStream(id, 0);
      const state = lived
        .map((event) =>
          asStoredShape<ApplicationEvent>({ ...event, streamName: stream, revision: 0, position: 0, recordedAt: '' }),
        )
        .reduce(applicationDecider.evolve, applicationDecider.initialState());
      const requested = applicationDecider.decide(requestExtension(), state);
      const context = {
        commandId: randomUUID(),
        correlationId: randomUUID(),
        causationId: 'test',
        actor: { id: 'officer-2', role: 'officer' as const },
        now: '2027-04-15T15:00:00.000Z',
      };
      const later = envelope(
        stream,
        [...requested, { type: 'ExtensionRefused', data: v1 }],
        'RequestExtension',
        context,
        {
          firstRevision: lived.length,
          previousHash: lived.at(-1)?.metadata.hash as string,
        },
      );
      const file = join(dir, 'events.db');
      const store = new SqliteEventStore(file);
      await store.appendToStream(stream, [...lived, ...later], { expectedRevision: 'no-stream' });
      const events = await store.readStream(stream);
      await store.close();

      expect(viewAt(events, { revision: events.length - 1 })?.extensions).toEqual([
        { id: EXTENSION_ID, requestedOn: '2027-03-01', status: 'refused', validTo: null },
      ]);
      expect(asStoredShape(events[events.length - 1]).data).toEqual({
        extensionId: EXTENSION_ID,
        decidedOn: '2027-04-15',
        reasons: [v1.reason],
      });
      expect(verifyChain(events)).toEqual({ valid: true, checkedEvents: events.length });
      const raw = new Database(file, { readonly: true });
      const row = raw.prepare("SELECT data FROM events WHERE type = 'ExtensionRefused'").get() as { data: string };
      raw.close();
      expect(JSON.parse(row.data)).toEqual(v1);
    });
  });
});
