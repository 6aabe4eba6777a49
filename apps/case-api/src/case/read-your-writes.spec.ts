import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { CommandOutcome } from '@app/application';
import { applicationStreamName, type ApplicationState } from '@app/domain';
import { MemoryEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { ProjectionRunner, openReadModelDatabase, type CatchUpHandler } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { ReadYourWrites } from './read-your-writes';

const ID = 'a-1';
const STREAM = applicationStreamName(ID);

/**
 * A worker that stores nothing, handles no batch while held, and appends `reaction` to the stream
 * of each event of type `on` (or to the stream `to`).
 */
function worker(store: EventStore, name: string, reaction?: Readonly<{ on: string; append: string; to?: string }>) {
  let held: Promise<void> | null = null;
  let release = () => undefined as void;
  const handler: CatchUpHandler = {
    name,
    open: () => 0,
    ...(reaction ? { reactsTo: (event) => event.type === reaction.on } : {}),
    async handle(batch) {
      await held;
      for (const event of batch.filter(({ type }) => type === reaction?.on))
        await store.appendToStream(reaction!.to ?? event.streamName, [recorded(reaction!.append)], {
          expectedRevision: 'any',
        });
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
  let workers: Record<'caseView' | 'statistics' | 'numbering' | 'closing' | 'ledger', ReturnType<typeof worker>>;
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
      ledger: worker(store, 'ledger', { on: 'IntakeNumberAssigned', append: 'NumberCounted', to: 'ledger-2024' }),
    };
    for (const each of Object.values(workers)) runner.addHandler(each.handler);
    runner.start();
  });
  afterEach(async () => {
    for (const each of Object.values(workers)) each.release();
    await runner.stop();
    db.close();
  });

  it('answers with what the processes added, waiting for no read model, not even the case view', async () => {
    workers.statistics.hold();
    workers.caseView.hold();
    const reactions = await readYourWrites().settle(ID, await submit());
    expect(reactions.map((event) => event.type)).toEqual(['IntakeNumberAssigned', 'ApplicationCancelledOverCap']);
    expect(await streamTypes()).toEqual(['ApplicationReceived', 'IntakeNumberAssigned', 'ApplicationCancelledOverCap']);
    const last = await store.headPosition();
    expect(runner.reached(['case-view'], last)).toBe(false);
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
    await reads.beforeRead('case-view');
    expect(reads.beforeRead('case-view')).toBeUndefined();
    const read = settled(reads.beforeRead('statistics'));
    await turns();
    expect(read()).toBe(false);
    workers.statistics.release();
    await until(read);
    expect(reads.beforeRead('statistics')).toBeUndefined();
  });

  it('holds a read until its read model is past what the processes appended to other streams in reaction', async () => {
    const reads = readYourWrites();
    workers.statistics.hold();
    await reads.settle(ID, await submit());
    const [counted] = await store.readStream('ledger-2024');
    expect(counted.type).toBe('NumberCounted');
    expect(counted.position).toBe(await store.headPosition());
    const read = settled(reads.beforeRead('statistics'));
    await turns();
    expect(read()).toBe(false);
    workers.statistics.release();
    await until(read);
    expect(runner.reached(['statistics'], counted.position)).toBe(true);
  });

  it('holds a read until its read model shows the reactions an answer showed, also those another process appended', async () => {
    // As for a command retried after a restart: its reactions were appended by the process before.
    jest.spyOn(store, 'lastAppendedPosition').mockReturnValue(0);
    const reads = readYourWrites();
    workers.numbering.hold();
    const outcome = await submit();
    await until(() => runner.reached(['statistics'], outcome.position));
    workers.statistics.hold();
    const answer = reads.settle(ID, outcome);
    workers.numbering.release();
    expect((await answer).map((event) => event.type)).toEqual(['IntakeNumberAssigned', 'ApplicationCancelledOverCap']);

    const waiting = reads.beforeRead('statistics');
    expect(waiting).toBeDefined();
    const read = settled(waiting);
    await turns();
    expect(read()).toBe(false);
    workers.statistics.release();
    await until(read);
  });

  it('turns neither an answer nor a read into an error when a worker stays behind: it says so in the log', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    workers.numbering.hold();
    workers.caseView.hold();
    const reads = readYourWrites(100);
    await expect(reads.settle(ID, await submit())).resolves.toEqual([]);
    await expect(reads.beforeRead('case-view')).resolves.toBeUndefined();
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(
        /^the answer to a command on a-1 did not wait for everything: intake-numbering did not reach position 1 in \d+ ms$/,
      ),
      'case-view is behind position 1, read as it is: case-view did not reach position 1 in 100 ms',
    ]);
    warn.mockRestore();
  });

  describe('the family an answer lists (M7), which only the case view knows', () => {
    const principal = { status: 'received', applicationId: 'p-1', submission: { applicantType: 'principal' } };
    const member = {
      status: 'received',
      applicationId: 'm-1',
      submission: { applicantType: 'spouse', principalApplicationId: 'p-1' },
    };
    const asState = (state: object) => state as unknown as ApplicationState;

    it('waits for nothing for a principal while no family member was answered here', async () => {
      workers.caseView.hold();
      const { position } = await store.appendToStream('application-p-1', [recorded('ApplicationReceived')], {
        expectedRevision: 'no-stream',
      });
      await expect(readYourWrites().beforeFamilyView(asState(principal), position)).resolves.toBeUndefined();
      expect(runner.reached(['case-view'], position)).toBe(false);
    });

    it("waits for the case view to hold a member's case, then holds every later answer to it", async () => {
      const reads = readYourWrites();
      workers.caseView.hold();
      const { position } = await store.appendToStream('application-m-1', [recorded('ApplicationReceived')], {
        expectedRevision: 'no-stream',
      });
      const memberAnswer = settled(reads.beforeFamilyView(asState(member), position));
      const principalAnswer = settled(reads.beforeFamilyView(asState(principal), position - 1));
      await turns();
      expect([memberAnswer(), principalAnswer()]).toEqual([false, false]);
      workers.caseView.release();
      await until(() => memberAnswer() && principalAnswer());
      expect(runner.reached(['case-view'], position)).toBe(true);
    });

    it('lists nothing before receipt, and waits for nothing then', async () => {
      workers.caseView.hold();
      await expect(readYourWrites().beforeFamilyView(asState({ status: 'new' }), 5)).resolves.toBeUndefined();
    });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !condition(); await turns(10))
    if (Date.now() > deadline) throw new Error('not reached within 5 s');
}
