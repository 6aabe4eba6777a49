import { AccessLogWriter, ManualClock } from '@app/application';
import { MemoryEventStore, StoreUnavailableError, type RecordedEvent } from '@app/event-store';
import type { AuthenticatedRequest } from '../../auth/api-key.refusal';
import { ProblemError } from '../../http/problem/problem';
import { PersonalDataAccess, routeOf } from './personal-data-access';

const CASE = '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19';
const request = {
  id: 'req-1',
  method: 'GET',
  url: `/v1/applications/${CASE}/history?personalData=include`,
  routeOptions: { url: '/v1/applications/:id/history' },
  principal: { id: 'auditor-1', roles: ['auditor'] },
} as unknown as AuthenticatedRequest;
const received = (streamName: string): RecordedEvent => ({
  streamName,
  revision: 0,
  position: 1,
  eventId: 'e',
  type: 'ApplicationReceived',
  data: { submission: { applicant: { familyName: 'Tremblay', passport: { number: '19AB12345' } } } },
  metadata: {},
  recordedAt: '2024-12-10T15:00:00.000Z',
});

describe('PersonalDataAccess', () => {
  let store: MemoryEventStore;
  let access: PersonalDataAccess;
  beforeEach(() => {
    store = new MemoryEventStore();
    access = new PersonalDataAccess(new AccessLogWriter(store), new ManualClock('2024-12-10T15:30:00Z'));
  });

  it('records the cases, the route template and the reason with the cases’ identifying values masked', async () => {
    await access.recorderFor(request, 'Checking passport 19AB12345 of Tremblay')([received(`application-${CASE}`)]);
    const [event] = await store.readStream('accesslog-2024-12-10');
    expect(event.data).toEqual({
      applicationIds: [CASE],
      route: 'GET /v1/applications/{id}/history',
      reason: 'Checking passport [redacted] of [redacted]',
    });
    expect(event.metadata).toMatchObject({ actor: { id: 'auditor-1', role: 'auditor' }, causationId: 'req-1' });
  });

  it('records nothing when the answer holds no application event', async () => {
    await access.recorderFor(request, undefined)([received('parking-x'), received('accesslog-2024-12-09')]);
    expect(await store.headPosition()).toBe(0);
  });

  it('turns a failure to record into a 503 with Retry-After', async () => {
    jest.spyOn(store, 'appendToStream').mockRejectedValue(new StoreUnavailableError('disk full'));
    const failure = await access
      .recorderFor(
        request,
        undefined,
      )([received(`application-${CASE}`)])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProblemError);
    expect((failure as ProblemError).problem).toMatchObject({
      status: 503,
      type: 'urn:impplus:problem:access-not-recorded',
    });
    expect((failure as ProblemError).headers).toEqual({ 'retry-after': '5' });
  });

  it('names the route by its template, or by its path when the router gave none', () => {
    expect(
      routeOf({ method: 'GET', url: '/v1/feed/stream?after=3', routeOptions: { url: '/v1/feed/stream' } } as never),
    ).toBe('GET /v1/feed/stream');
    expect(routeOf({ method: 'GET', url: '/v1/audit/events?after=3' } as never)).toBe('GET /v1/audit/events');
  });
});
