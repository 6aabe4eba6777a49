import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { CommandOutcome } from '@app/application';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { ProjectionRunner, openReadModelDatabase, type CatchUpHandler } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { ReadYourWrites } from './read-your-writes';

const ID = 'a-1';
const STREAM = applicationStreamName(ID);

/** A worker that stores nothing, handles no batch while held, and appends `reaction` to the stream of each event of type `on`. */
function worker(store: EventStore, name: string, reaction?: Readonly<{ on: string; append: string }>) {
  let held: Promise<void> | null = null;
  let release = () => undefined as void;
  const handler: CatchUpHandler = {
    name,
    open: () => 0,
    ...(reaction ? { reactsTo: (event) => event.type === reaction.on } : {}),
    async handle(batch) {
      await held;
      for (const event of batch.filter(({ type }) => type === reaction?.on))
        await store.appendToStream(event.streamName, [recorded(reaction!.append)], { expectedRevision: 'any' });
    },
  };
  return {
    handler,
    hold: () => void (held = new Promise<void>((resolve) => (release = resolve))),
    release: () => {
      held = null;
      release();
    },
  };
}

const recorded = (type: string) => ({ eventId: crypto.randomUUID(), type, data: {}, metadata: {} });
const settled = (promise: Promise<unknown> | undefined) => {
  let done = false;
  void promise?.then(() => (done = true));
  return () => done;
};
const turns = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReadYourWrites: an answer waits for what it shows, a read for its own read model', () => {
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  let workers: Record<'caseView' | 'statistics' | 'numbering' | 'closing', ReturnType<typeof worker>>;
  const readYourWrites = (timeoutMs = 5_000) =>
    new ReadYourWrites(runner, store, { readYourWritesTimeoutMs: timeoutMs } as AppConfig);

  /** A receipt as the pipeline appends it, and its outcome. */
  async function submit(): Promise<CommandOutcome<unknown>> {
    const { position, nextExpectedRevision } = await store.appendToStream(STREAM, [recorded('ApplicationReceived')], {
      expectedRevision: 'no-stream',
    });
    const events = [{ type: 'ApplicationReceived', data: {} }];
    return { state: null, revision: nextExpectedRevision, position, events, alreadyApplied: false };
  }
  const streamTypes = async () => (await store.readStream(STREAM)).map((event: RecordedEvent) => event.type);

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDatabase(':memory:');
    runner = new ProjectionRunner(store, db, [], () => '2024-01-01T00:00:00.000Z');
    workers = {
      caseView: worker(store, 'case-view'),
      statistics: worker(store, 'statistics'),
      numbering: worker(store, 'intake-numbering', { on: 'ApplicationReceived', append: 'IntakeNumberAssigned' }),
      closing: worker(store, 'closing', { on: 'IntakeNumberAssigned', append: 'ApplicationCancelledOverCap' }),
    };
    for (const each of Object.values(workers)) runner.addHandler(each.handler);
    runner.start();
  });
  afterEach(async () => {
    for (const each of Object.values(workers)) each.release();
    await runner.stop();
    db.close();
  });

  it('answers while a read model it does not show is held, once the case view shows the reactions', async () => {
    workers.statistics.hold();
    await readYourWrites().settle(ID, await submit());
    expect(await streamTypes()).toEqual(['ApplicationReceived', 'IntakeNumberAssigned', 'ApplicationCancelledOverCap']);
    const last = await store.headPosition();
    expect(runner.reached(['case-view'], last)).toBe(true);
    expect(runner.reached(['statistics'], last)).toBe(false);
  });

  it('waits for the processes that react to the command, then for those that react to what they added', async () => {
    workers.closing.hold();
    const answer = settled(readYourWrites().settle(ID, await submit()));
    await turns();
    expect(await streamTypes()).toEqual(['ApplicationReceived', 'IntakeNumberAssigned']);
    expect(answer()).toBe(false);
    workers.closing.release();
    await until(answer);
    expect(await streamTypes()).toEqual(['ApplicationReceived', 'IntakeNumberAssigned', 'ApplicationCancelledOverCap']);
  });

  it('holds a read of a read model until it shows every write this instance answered, and no longer', async () => {
    const reads = readYourWrites();
    expect(reads.beforeRead('statistics')).toBeUndefined();
    workers.statistics.hold();
    await reads.settle(ID, await submit());
    expect(reads.beforeRead('case-view')).toBeUndefined();
    const read = settled(reads.beforeRead('statistics'));
    await turns();
    expect(read()).toBe(false);
    workers.statistics.release();
    await until(read);
    expect(reads.beforeRead('statistics')).toBeUndefined();
  });

  it('turns neither an answer nor a read into an error when a read model stays behind: it says so in the log', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    workers.caseView.hold();
    const reads = readYourWrites(100);
    await expect(reads.settle(ID, await submit())).resolves.toBeUndefined();
    await expect(reads.beforeRead('case-view')).resolves.toBeUndefined();
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(
        /^the answer to a command on a-1 did not wait for everything: case-view did not reach position 3 in \d+ ms$/,
      ),
      'case-view is behind position 3, read as it is: case-view did not reach position 3 in 100 ms',
    ]);
    warn.mockRestore();
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !condition(); await turns(10))
    if (Date.now() > deadline) throw new Error('not reached within 5 s');
}
