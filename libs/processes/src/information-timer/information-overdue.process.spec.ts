import { CaseViewQueries } from '@app/projections';
import type { ApplicationCommand } from '@app/domain';
import { submission } from '@app/testing';
import { ProcessHarness } from '../testing/process-harness';
import { informationOverdueJob } from './information-overdue.process';
import { informationTimersProjection } from './information-timers.projection';

const RECEIVED_AT = '2024-05-02T14:03:00.000Z';
const REQUESTED_AT = '2024-05-20T14:00:00.000Z';
/** Due 2024-06-19 (30 days after 2024-05-20, Eastern); it ends at 00:00 in Toronto (EDT, UTC-4). */
const ONE_SECOND_BEFORE_END = '2024-06-20T03:59:59.000Z';
const END_OF_DUE_DATE = '2024-06-20T04:00:00.000Z';

describe('H2 information timer process', () => {
  let bench: ProcessHarness;
  beforeEach(() => {
    bench = new ProcessHarness(RECEIVED_AT);
    bench.addProjection(informationTimersProjection).start();
  });
  afterEach(() => bench.stop());

  const job = () => informationOverdueJob(bench.db, bench.dispatch, bench.runner.parking);

  async function withRequest(requestId = 'request-1'): Promise<string> {
    const id = await bench.submit(submission({ applicant: { passport: { number: `P${Math.random()}` } } }));
    const request: ApplicationCommand = {
      type: 'RequestInformation',
      data: {
        requestId,
        kind: 'documents',
        concern: 'The CSQ on file names another employer.',
        items: [{ document: 'CSQ', question: 'Send the CSQ issued for A76.' }],
        requestedAt: REQUESTED_AT,
        officerId: 'officer-17',
      },
    };
    await bench.send(id, request);
    await bench.settle();
    return id;
  }
  const overdueOf = async (id: string) =>
    (await bench.eventsOf(id)).filter((event) => event.type === 'InformationRequestOverdue');

  it('marks nothing one second before the end of the due date (Eastern), and the request overdue at its end', async () => {
    const id = await withRequest();
    await job().run(ONE_SECOND_BEFORE_END);
    expect(await overdueOf(id)).toEqual([]);
    await job().run(END_OF_DUE_DATE);
    expect((await overdueOf(id)).map((event) => event.data)).toEqual([{ requestId: 'request-1', at: END_OF_DUE_DATE }]);
  });

  it('marks each request once when two workers fire the same timers at the same time, caused by the request', async () => {
    const ids = await Promise.all([withRequest(), withRequest(), withRequest()]);
    const [first, second] = [job(), job()];
    await Promise.all([first.run(END_OF_DUE_DATE), second.run(END_OF_DUE_DATE), first.run(END_OF_DUE_DATE)]);
    for (const id of ids) expect(await overdueOf(id)).toHaveLength(1);
    const request = (await bench.eventsOf(ids[0])).find((event) => event.type === 'InformationRequested');
    expect((await overdueOf(ids[0]))[0].metadata).toMatchObject({
      causationId: request?.eventId,
      actor: { id: 'information-timer', role: 'system' },
    });
  });

  it('never fires for a request answered before its due date', async () => {
    const id = await withRequest();
    const response: ApplicationCommand = {
      type: 'RecordInformationResponse',
      data: { requestId: 'request-1', receivedAt: '2024-06-01T12:00:00Z', documents: ['csq.pdf'] },
    };
    await bench.send(id, response);
    await bench.settle();
    await job().run(END_OF_DUE_DATE);
    expect(bench.dispatched.filter((command) => command.type === 'MarkInformationOverdue')).toEqual([]);
    expect(await overdueOf(id)).toEqual([]);
  });

  it('fires after a restart from the timers rebuilt from the log, once', async () => {
    const id = await withRequest();
    await job().run(ONE_SECOND_BEFORE_END);
    await bench.runner.stop();
    bench.db.exec('DROP TABLE information_timers_v1');
    bench.db.exec("DELETE FROM projection_checkpoints WHERE name = 'information-timers'");
    bench.addProjection(informationTimersProjection).start();
    await bench.settle();
    await job().run(END_OF_DUE_DATE);
    await job().run(END_OF_DUE_DATE);
    expect(await overdueOf(id)).toHaveLength(1);
  });

  it('moves the case from the awaiting-information queue to the information-overdue queue', async () => {
    const id = await withRequest();
    const queue = (status: string) =>
      new CaseViewQueries(bench.db).list({ status, limit: 10 }).items.map((item) => item.id);
    expect(queue('awaiting-information')).toEqual([id]);
    expect(queue('information-overdue')).toEqual([]);
    await job().run(END_OF_DUE_DATE);
    await bench.settle();
    expect(queue('awaiting-information')).toEqual([]);
    expect(queue('information-overdue')).toEqual([id]);
    expect(queue('received')).toEqual([id]);
  });

  it('parks a request that fails for another reason, marks the others, and fires it again once retried', async () => {
    const [broken, fine] = [await withRequest(), await withRequest()];
    let failing = true;
    const dispatch: typeof bench.dispatch = (applicationId, command, context) => {
      if (failing && applicationId === broken) return Promise.reject(new TypeError('a malformed stream'));
      return bench.dispatch(applicationId, command, context);
    };
    const failingJob = informationOverdueJob(bench.db, dispatch, bench.runner.parking);
    await failingJob.run(END_OF_DUE_DATE);
    await failingJob.run(END_OF_DUE_DATE);
    expect(await overdueOf(fine)).toHaveLength(1);
    expect(await overdueOf(broken)).toEqual([]);
    const parked = bench.runner.parking.events.list({ limit: 10 });
    expect(parked).toEqual([
      expect.objectContaining({ handler: 'information-timer', streamName: `application-${broken}`, attempts: 1 }),
    ]);
    failing = false;
    await bench.runner.retryParked(parked[0].id, { by: 'ops', reason: 'stream repaired' });
    await failingJob.run(END_OF_DUE_DATE);
    expect(await overdueOf(broken)).toHaveLength(1);
  });
});
