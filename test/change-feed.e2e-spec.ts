import { ManualClock } from '@app/application';
import { exampleSubmission, startTestApp, type KeyRole, type TestApp } from './support/test-app';

type FeedItem = Readonly<{
  position: number;
  applicationId: string;
  revision: number;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}>;

const FAMILY_NAME = 'Tremblay';
const PASSPORTS = ['19AB12345', '20CD99887', '21EF55443'];
const NOTE = 'Called the employer about the offer.';

/** Rejects when `promise` takes longer than `ms`: no test waits unbounded. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('GET /v1/feed: the change feed for integrations (SQLite store, manual clock)', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  const ids: string[] = [];

  const submit = async (passport: string) => {
    const applicant = {
      ...(exampleSubmission().applicant as object),
      passport: { number: passport, country: 'FRA', expiresOn: '2031-01-31' },
    };
    const submitted = await api.post('/v1/applications', exampleSubmission({ applicant }));
    expect(submitted.status).toBe(201);
    return submitted.body.id as string;
  };
  const feed = async (query: string, as: KeyRole = 'intake') => {
    const response = await api.get(`/v1/feed${query}`, { as });
    expect(response.status).toBe(200);
    return response.body as { events: FeedItem[]; nextAfter: number };
  };
  const readAll = async (as: KeyRole, extra = '') => {
    const all: FeedItem[] = [];
    let after = 0;
    for (let page = 0; page < 100; page++) {
      const { events, nextAfter } = await feed(`?after=${after}&limit=2${extra}`, as);
      if (events.length === 0) return all;
      all.push(...events);
      after = nextAfter;
    }
    throw new Error('the feed never ended');
  };

  beforeAll(async () => {
    api = await startTestApp({ clock });
    for (const passport of PASSPORTS.slice(0, 2)) ids.push(await submit(passport));
    const note = await api.post(`/v1/applications/${ids[0]}/notes`, { text: NOTE }, { as: 'officer' });
    expect(note.status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
  });

  it('pages in log order: positions strictly increase, nextAfter resumes with no loss and no duplicate', async () => {
    const paged = await readAll('officer');
    const whole = await feed('?limit=1000', 'officer');
    expect(paged).toEqual(whole.events);
    expect(whole.nextAfter).toBe(paged.at(-1)!.position);
    const positions = paged.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    expect(new Set(paged.map((event) => event.applicationId))).toEqual(new Set(ids));
    expect(paged.filter((event) => event.type === 'ApplicationReceived')).toHaveLength(2);
    for (const event of paged) {
      expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Number.isInteger(event.revision)).toBe(true);
    }
    const half = paged[1].position;
    expect((await feed(`?after=${half}&limit=1000`, 'officer')).events).toEqual(paged.slice(2));
  });

  it('redacts as the audit routes do: intake and officers never see the family name or passport; an auditor who asks does', async () => {
    for (const as of ['intake', 'officer'] as const)
      for (const extra of ['', '&personalData=include']) {
        const text = JSON.stringify(await readAll(as, extra));
        expect(text).toContain('ApplicationReceived');
        expect(text).not.toContain(FAMILY_NAME);
        expect(text).not.toContain(PASSPORTS[0]);
      }
    expect(JSON.stringify(await readAll('auditor'))).not.toContain(PASSPORTS[0]);
    const revealed = JSON.stringify(await readAll('auditor', '&personalData=include'));
    expect(revealed).toContain(FAMILY_NAME);
    expect(revealed).toContain(PASSPORTS[0]);
  });

  it('answers gzip to a client that accepts it (as HTTP clients do unasked): the same page, documented headers', async () => {
    const plain = await api.get('/v1/feed?limit=1000', { as: 'officer' });
    const gzipped = await api.get('/v1/feed?limit=1000', { as: 'officer', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const response of [plain, gzipped]) expect(response.headers.vary).toBe('Accept-Encoding');
    expect(gzipped.body).toEqual(plain.body);
    expect((gzipped.body as { events: unknown[] }).events.length).toBeGreaterThan(2);
  });

  it('H1: intake never sees a CaseNoteAdded; officers and auditors do', async () => {
    expect((await readAll('intake')).map((event) => event.type)).not.toContain('CaseNoteAdded');
    for (const as of ['officer', 'auditor'] as const) {
      const notes = (await readAll(as)).filter((event) => event.type === 'CaseNoteAdded');
      expect(notes).toHaveLength(1);
      expect(JSON.stringify(notes[0].data)).toContain(NOTE);
    }
  });

  it('long-polls: answers as soon as an event is appended during the wait', async () => {
    const head = (await feed('?limit=1000')).nextAfter;
    const started = Date.now();
    const waiting = api.get(`/v1/feed?after=${head}&waitSeconds=20`, { as: 'intake' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    ids.push(await submit(PASSPORTS[2]));
    const answered = await within(10_000, waiting);
    expect(answered.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answered.body.events.length).toBeGreaterThan(0);
    expect(answered.body.events[0]).toMatchObject({ applicationId: ids[2], type: 'ApplicationReceived', revision: 0 });
    expect(answered.body.events[0].position).toBeGreaterThan(head);
    // The shared tail sends the page as bytes built once: exactly what Fastify's JSON would be.
    expect(answered.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answered.text).toBe(JSON.stringify(answered.body));
  });

  it('long-polls: with nothing new, answers empty with nextAfter = after once waitSeconds has passed', async () => {
    const head = (await feed('?limit=1000', 'auditor')).nextAfter;
    const started = Date.now();
    const answered = await within(5_000, api.get(`/v1/feed?after=${head}&waitSeconds=1`, { as: 'auditor' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ events: [], nextAfter: head });
  });

  it('answers 401 without a key, 403 to admin, 400 on a wait over 30 s or a bad cursor', async () => {
    expect((await api.get('/v1/feed', { as: null })).status).toBe(401);
    expect((await api.get('/v1/feed', { as: 'admin' })).status).toBe(403);
    for (const query of ['?waitSeconds=31', '?waitSeconds=1.5', '?after=-1', '?limit=0', '?after=abc'])
      expect((await api.get(`/v1/feed${query}`, { as: 'officer' })).status).toBe(400);
  });
});
