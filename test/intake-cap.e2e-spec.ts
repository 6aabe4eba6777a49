import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/application';
import { distinctPrincipal, eventsOfType, hoursAfter, settle, tick } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

const CAP = 7_350;
const CLIENTS = 64;
const RECEIVED_AT = '2024-06-03T14:00:00.000Z';
/** T1: the example's letter is dated November 2024; a June 2024 receipt needs a letter received before it. */
const LETTER = { number: 'MIFI-A76-2024-0527', issuedOn: '2024-05-27', receivedOn: '2024-05-29' };
const OVER_CAP_REFUNDS = { processing: 155, openWorkPermitHolder: 100 };

/** Sends `count` requests from `clients` concurrent clients, each sending its next one as soon as the last is answered. */
async function fromConcurrentClients<T>(
  count: number,
  clients: number,
  send: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const client = async () => {
    for (let index = next++; index < count; index = next++) results[index] = await send(index);
  };
  await Promise.all(Array.from({ length: clients }, client));
  return results;
}

describe('C1–C5 the 2024 cap over real HTTP with 64 concurrent clients (SQLite store)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-cap-'));
  const clock = new ManualClock('2024-06-03T15:00:00Z');
  let api: TestApp;
  let ledgerBefore: unknown;
  beforeAll(async () => {
    api = await startTestApp({ clock, dataDir });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ledger = async () => (await api.get('/v1/intake/2024', { as: 'auditor' })).body;
  const overCapCases = async (status: string) =>
    (await api.get(`/v1/applications?status=${status}&intakeYear=2024&limit=10`, { as: 'auditor' })).body.items;

  it('C1 C3 C4: of 7,351 concurrent submissions exactly 7,350 are within the cap and the 7,351st is cancelled with 155 + 100 refunded', async () => {
    const started = performance.now();
    const statuses = await fromConcurrentClients(CAP + 1, CLIENTS, async () => {
      const { status, text } = await api.post(
        '/v1/applications',
        distinctPrincipal({ receivedAt: RECEIVED_AT, invitationLetter: LETTER }),
      );
      return status === 201 ? status : `${status} ${text}`;
    });
    console.log(
      `C1: ${CAP + 1} submissions over HTTP from ${CLIENTS} clients in ${Math.round(performance.now() - started)} ms`,
    );
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    await settle(api.app);

    ledgerBefore = await ledger();
    expect(ledgerBefore).toEqual({
      year: 2024,
      cap: CAP,
      counted: CAP + 1,
      withinCap: CAP,
      overCap: 1,
      cancelledOverCap: 1,
      returnedOverCap: 0,
      capReachedAt: expect.any(String),
    });
    const reached = await eventsOfType(api.store, 'IntakeCapReached');
    expect(reached.map((event) => event.data)).toEqual([
      expect.objectContaining({ year: 2024, cap: CAP, reachedAt: (await ledger()).capReachedAt }),
    ]);
    // C3: the receipts, in the order the log recorded them, carry 1..N (the numbering commands, sent 32 at a
    // time, may commit in another order: the numbers are what follows the log, not their events' positions)
    const numberOf = new Map(
      (await eventsOfType(api.store, 'IntakeNumberAssigned')).map((event) => [
        event.streamName,
        Number(event.data.number),
      ]),
    );
    const receipts = await eventsOfType(api.store, 'ApplicationReceived');
    expect(numberOf.size).toBe(CAP + 1);
    expect(receipts.map((event) => numberOf.get(event.streamName))).toEqual(
      Array.from({ length: CAP + 1 }, (_, i) => i + 1),
    );
    const [cancelled] = await overCapCases('cancelled-over-cap');
    expect(cancelled).toMatchObject({
      intake: { year: 2024, number: CAP + 1, withinCap: false },
      fees: { refunded: OVER_CAP_REFUNDS },
    });
    expect(cancelled.biometrics.letter).toMatchObject({ issuedAt: null, cancelledAt: expect.any(String) });
  }, 180_000);

  it('B1 C5: 24 h later every application within the cap gets its automatic BIL, the cancelled one never', async () => {
    clock.set(hoursAfter(RECEIVED_AT, 24));
    const started = performance.now();
    await tick(api.app);
    await settle(api.app);
    console.log(`B1: ${CAP} automatic BILs issued in one tick in ${Math.round(performance.now() - started)} ms`);
    const letters = await eventsOfType(api.store, 'BiometricInstructionLetterIssued');
    const [cancelled] = await overCapCases('cancelled-over-cap');
    expect(letters).toHaveLength(CAP);
    expect(letters.filter((event) => event.streamName === `application-${cancelled.id}`)).toEqual([]);
  }, 60_000);

  it('C3 gives the same numbers after the read models are rebuilt from the log, and appends nothing', async () => {
    const head = await api.store.headPosition();
    await api.close();
    for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm'])
      rmSync(join(dataDir, file), { force: true });
    const started = performance.now();
    api = await startTestApp({ clock, dataDir });
    await settle(api.app, 50_000);
    await tick(api.app);
    console.log(
      `C3: read models and processes rebuilt from ${head} events in ${Math.round(performance.now() - started)} ms`,
    );
    expect(await ledger()).toEqual(ledgerBefore);
    expect(await api.store.headPosition()).toBe(head);
  }, 60_000);

  it('C4: a paper application over the cap is returned, with 155 + 100 refunded', async () => {
    const { status, body } = await api.post(
      '/v1/applications',
      distinctPrincipal({ receivedAt: RECEIVED_AT, invitationLetter: LETTER, channel: 'paper' }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      status: 'returned-over-cap',
      intake: { number: CAP + 2, withinCap: false },
      fees: { refunded: OVER_CAP_REFUNDS },
    });
    expect(await ledger()).toMatchObject({ counted: CAP + 2, overCap: 2, cancelledOverCap: 1, returnedOverCap: 1 });
  });
});
