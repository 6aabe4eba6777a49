/**
 * Rebuild throughput of the read models on a large SQLite event store.
 *   npm run bench:rebuild -- [--events 1000000] [--dir DIR] [--batch 500]
 * Writes (or reuses) DIR/events.db with whole application lives: six real events each, decided
 * once by the domain and cloned with a new application id (their hashes are not recomputed: no
 * projection reads them). Applications advance in waves of 2,000, one event each per round, so an
 * application's events lie thousands of positions apart as in a real log, where many cases move
 * at once. Then it measures, in the same run: reading the whole log with no projection (the
 * ceiling), the first catch-up of both read models into an empty file, and a rebuild of each read
 * model into a new generation while the current one serves.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { applicationStreamName } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { READ_MODEL_PROJECTIONS, ProjectionRunner, openReadModelDatabase } from '@app/projections';
import { caseStream } from '../libs/application/src/testing/case-streams.fixture';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, dir: { type: 'string' }, batch: { type: 'string', default: '500' } } });
const target = Number(values.events);
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'rebuild-bench-'));
const now = () => new Date().toISOString();
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (events: number, took: number) => `${Math.round(events / took).toLocaleString('en')} events/s (${took.toFixed(1)} s)`;

const TEMPLATE_ID = '00000000-0000-4000-8000-000000000000';
const WAVE = 2000;

async function fill(store: SqliteEventStore): Promise<void> {
  const template = JSON.stringify(caseStream(TEMPLATE_ID, 0));
  for (let head = await store.headPosition(); head < target; ) {
    const wave = Array.from({ length: Math.min(WAVE, Math.ceil((target - head) / 6)) }, () => randomUUID());
    const lives = wave.map((id) => JSON.parse(template.replaceAll(TEMPLATE_ID, id)) as { eventId: string }[]);
    for (let revision = 0; revision < 6; revision++) {
      for (const [index, id] of wave.entries()) {
        const event = { ...lives[index][revision], eventId: randomUUID() } as Parameters<SqliteEventStore['appendToStream']>[1][number];
        ({ position: head } = await store.appendToStream(applicationStreamName(id), [event], { expectedRevision: revision === 0 ? 'no-stream' : revision - 1 }));
      }
    }
  }
}

async function readEverything(store: SqliteEventStore): Promise<number> {
  let read = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, limit: 500 });
    if (page.length === 0) return read;
    read += page.length;
    after = page[page.length - 1].position;
  }
}

async function main(): Promise<void> {
  const store = new SqliteEventStore(join(dir, 'events.db'));
  let started = process.hrtime.bigint();
  if ((await store.headPosition()) < target) await fill(store);
  const head = await store.headPosition();
  console.log(`store: ${head.toLocaleString('en')} events in ${join(dir, 'events.db')} (written or reused in ${seconds(started).toFixed(1)} s)`);

  started = process.hrtime.bigint();
  const read = await readEverything(store);
  console.log(`read the whole log, no projection (ceiling):     ${rate(read, seconds(started))}`);

  const readModels = join(dir, `read-models-${Date.now()}.db`);
  if (existsSync(readModels)) throw new Error(`${readModels} exists`);
  const db = openReadModelDatabase(readModels);
  const runner = new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, now, { batchSize: Number(values.batch) });
  started = process.hrtime.bigint();
  runner.start();
  await runner.waitFor(head, 3_600_000);
  console.log(`first catch-up, both read models at once:        ${rate(head, seconds(started))} per read model`);

  for (const projection of READ_MODEL_PROJECTIONS) {
    started = process.hrtime.bigint();
    const { rebuild } = await runner.rebuild(projection.name);
    await runner.waitForGeneration(projection.name, rebuild?.generation ?? 0, 3_600_000);
    console.log(`rebuild of ${projection.name.padEnd(13)} while it serves:       ${rate(head, seconds(started))}`);
  }
  await runner.stop();
  db.close();
  await store.close();
  console.log(`node ${process.version}, batch ${values.batch}, read models in ${readModels}`);
}

main().catch((error: Error) => {
  console.error(error.stack);
  process.exit(1);
});
