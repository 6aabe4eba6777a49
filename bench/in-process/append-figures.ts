import assert from 'node:assert';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Bench } from 'tinybench';
import { CommandPipeline, type CommandContext } from '@app/application';
import { applicationDecider, applicationStreamName, type SubmitApplication } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { submit } from '@app/testing';

/** Appends that a group commit gathers when this many commands are in flight at once. */
export const IN_FLIGHT = 64;

export type AppendFigures = Readonly<{
  pipelineSequential: number;
  rawSequential: number;
  pipelineConcurrent: number;
  rawBatched: number;
  rows: number;
}>;

type Row = readonly [string, number, string, string, string, string, string];
const COLUMNS = 'stream_name, revision, event_id, type, data, metadata, recorded_at';

const context = (): CommandContext => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'bench-intake', role: 'intake' },
  now: '2024-05-02T14:03:00.000Z',
});

/** Stand-ins in the command's text for what differs between commands. */
const ID = '@@application-id@@';
const UNIQUE = '@@unique@@';

const submission = (applicationId: string, unique: string) =>
  submit({ applicant: { passport: { number: `P${unique}` } }, csq: { number: `CSQ-${unique}` } }, { applicationId });

/**
 * A new submission's command, parsed from JSON text as a request body is: the testing fixture's
 * deep merge (a structuredClone at every level, ~15 µs a command) is a convenience of the tests that
 * no caller pays, and the raw side's rows are built before it is timed. The text is the fixture's
 * own command with the stand-ins; `commandText` checks that it parses back to exactly that command.
 */
const submitCommand = (template: string, applicationId: string): SubmitApplication =>
  JSON.parse(
    template.replaceAll(ID, applicationId).replaceAll(UNIQUE, applicationId.slice(0, 8).toUpperCase()),
  ) as SubmitApplication;

function commandText(): string {
  const template = JSON.stringify(submission(ID, UNIQUE));
  const applicationId = randomUUID();
  assert.deepStrictEqual(
    submitCommand(template, applicationId),
    submission(applicationId, applicationId.slice(0, 8).toUpperCase()),
  );
  return template;
}

function submitNew(pipeline: CommandPipeline, template: string): Promise<unknown> {
  const applicationId = randomUUID();
  const command = submitCommand(template, applicationId);
  return pipeline.run(applicationDecider, applicationStreamName(applicationId), command, context());
}

/** A new events.db through the adapter (same schema, WAL, synchronous=FULL), then written to by hand. */
async function rawStoreFile(file: string): Promise<Database.Database> {
  await new SqliteEventStore(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

const perSecond = (bench: Bench, name: string, perCall = 1): number => {
  const result = bench.getTask(name)?.result;
  if (!result || !('throughput' in result))
    throw new Error(`tinybench task "${name}" did not complete: ${JSON.stringify(result)}`);
  return result.throughput.mean * perCall;
};

/**
 * Submissions through the command pipeline (load, decide, seal, append with the expected revision)
 * on the SQLite adapter, one at a time and IN_FLIGHT at a time; then the very rows they wrote,
 * inserted by hand with the same pragmas: one transaction per row, and IN_FLIGHT rows per
 * transaction (the first `maxRawRows` of them: one fsync per row is slow).
 */
export async function appendFigures(
  dir: string,
  sizes: Readonly<{ timeMs: number; iterations: number; maxRawRows: number }>,
): Promise<AppendFigures> {
  const file = join(dir, 'pipeline-events.db');
  const store = new SqliteEventStore(file);
  const pipeline = new CommandPipeline(store);
  const template = commandText();
  const bench = new Bench({
    time: sizes.timeMs,
    iterations: sizes.iterations,
    warmupTime: Math.min(200, sizes.timeMs / 4),
  });
  bench.add('pipeline, 1 in flight', () => submitNew(pipeline, template).then(() => undefined));
  bench.add(`pipeline, ${IN_FLIGHT} in flight`, () =>
    Promise.all(Array.from({ length: IN_FLIGHT }, () => submitNew(pipeline, template))).then(() => undefined),
  );
  await bench.run();
  await store.close();

  const source = new Database(file, { readonly: true });
  const rows = source
    .prepare(`SELECT ${COLUMNS} FROM events ORDER BY position LIMIT ?`)
    .raw()
    .all(sizes.maxRawRows) as Row[];
  source.close();
  const sequential = await rawStoreFile(join(dir, 'raw-sequential.db'));
  const batched = await rawStoreFile(join(dir, 'raw-batched.db'));
  const insertOne = sequential.prepare(`INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertInBatch = batched.prepare(`INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertBatch = batched.transaction((batch: readonly Row[]) => {
    for (const row of batch) insertInBatch.run(...row);
  });
  let next = 0;
  let nextBatch = 0;
  /** tinybench calls a task once more than its iterations (to see whether it is async): that call takes a row too. */
  const raw = new Bench({ time: 0, warmup: false, iterations: rows.length - 1 });
  raw.add('raw insert, one transaction per row', () => {
    insertOne.run(...rows[next++]);
  });
  const batches = Math.floor(rows.length / IN_FLIGHT);
  const rawBatched = new Bench({ time: 0, warmup: false, iterations: batches - 1 });
  rawBatched.add(`raw insert, ${IN_FLIGHT} rows per transaction`, () => {
    insertBatch(rows.slice(nextBatch * IN_FLIGHT, ++nextBatch * IN_FLIGHT));
  });
  await raw.run();
  await rawBatched.run();
  sequential.close();
  batched.close();
  if (next > rows.length || nextBatch > batches)
    throw new Error('The raw insert loops ran past the rows the pipeline wrote');
  return {
    pipelineSequential: perSecond(bench, 'pipeline, 1 in flight'),
    pipelineConcurrent: perSecond(bench, `pipeline, ${IN_FLIGHT} in flight`, IN_FLIGHT),
    rawSequential: perSecond(raw, 'raw insert, one transaction per row'),
    rawBatched: perSecond(rawBatched, `raw insert, ${IN_FLIGHT} rows per transaction`, IN_FLIGHT),
    rows: rows.length,
  };
}
