import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, easternDateOf } from '@app/domain';
import { SQLITE_EVENTS_FILE } from '@app/event-store';
import { writeCaseHistory } from './support/case-history';
import { allEvents, settle } from './support/processes';
import { startTestApp, type TestApp } from './support/test-app';

const CASES = 4_000;
const MEASURES = ['submitted', 'approved', 'refused', 'withdrawn', 'permitsIssued'] as const;
type Counts = Record<(typeof MEASURES)[number], number>;

/** H6 computed straight from the log, independently of the read model: measure and Eastern date per event. */
function countedInLog(type: string, data: Record<string, unknown>): [keyof Counts, string] | null {
  if (type === 'ApplicationReceived') return ['submitted', easternDateOf(String(data.receivedAt))];
  if (type === 'ApplicationApproved') return ['approved', easternDateOf(String(data.decidedAt))];
  if (type === 'ApplicationRefused') return ['refused', easternDateOf(String(data.decidedAt))];
  if (type === 'ApplicationWithdrawn') return ['withdrawn', easternDateOf(String(data.withdrawnAt))];
  if (type === 'WorkPermitIssued') return ['permitsIssued', (data.permit as { issuedOn: string }).issuedOn];
  return null;
}

/** Monday of a date's week, by the calendar (the test's own reckoning). */
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7));
const zero = (): Counts => ({ submitted: 0, approved: 0, refused: 0, withdrawn: 0, permitsIssued: 0 });

function csvOf(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.join(',')}\r\n`).join('');
}

describe('H6 weekly and quarterly statistics over a history of several thousand cases', () => {
  let api: TestApp;
  let dataDir: string;
  const byWeek = new Map<string, Counts>();
  const byQuarter = new Map<string, Counts>();
  let setAside = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'impplus-statistics-'));
    await writeCaseHistory(join(dataDir, SQLITE_EVENTS_FILE), CASES);
    api = await startTestApp({ dataDir });
    await settle(api.app, 60_000);
    for (const event of await allEvents(api.store)) {
      if (event.type === 'DecisionSetAside') setAside++;
      const counted = countedInLog(event.type, event.data);
      if (!counted) continue;
      const [measure, date] = counted;
      const week = byWeek.get(mondayOf(date)) ?? zero();
      week[measure]++;
      byWeek.set(mondayOf(date), week);
      const quarter = `${date.slice(0, 4)}/${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
      const counts = byQuarter.get(quarter) ?? zero();
      counts[measure]++;
      byQuarter.set(quarter, counts);
    }
  }, 180_000);
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the history holds every measure, and decisions set aside (R7)', () => {
    const total = [...byQuarter.values()].reduce((sum, counts) => sum + counts.submitted, 0);
    expect(total).toBe(CASES);
    for (const measure of MEASURES) expect([...byWeek.values()].some((counts) => counts[measure] > 0)).toBe(true);
    expect(setAside).toBeGreaterThan(100);
  });

  it('answers every week, Monday to Sunday (Eastern), with the counts of the log', async () => {
    const { status, body } = await api.get('/v1/statistics/weekly?from=2023-12-27&to=2025-01-05', { as: 'officer' });
    expect(status).toBe(200);
    const expected = [];
    for (let monday = '2023-12-25'; monday <= '2024-12-30'; monday = addDays(monday, 7))
      expected.push({ weekStarting: monday, ...(byWeek.get(monday) ?? zero()) });
    expect(body.weeks).toEqual(expected);
  });

  it('answers the weeks as CSV (RFC 4180, a header row) when asked', async () => {
    const { status, headers, text } = await api.get('/v1/statistics/weekly?from=2024-03-04&to=2024-04-14', {
      as: 'auditor',
      headers: { accept: 'text/csv' },
    });
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^text\/csv/);
    const rows = [];
    for (let monday = '2024-03-04'; monday <= '2024-04-08'; monday = addDays(monday, 7)) {
      const counts = byWeek.get(monday) ?? zero();
      rows.push([monday, ...MEASURES.map((measure) => counts[measure])]);
    }
    expect(text).toBe(csvOf(['weekStarting', ...MEASURES], rows));
  });

  it.each([1, 2, 3, 4])(
    'answers quarter %i of 2024 with the counts of the log, as JSON and as CSV',
    async (quarter) => {
      const counts = byQuarter.get(`2024/${quarter}`) ?? zero();
      const json = await api.get(`/v1/statistics/quarterly/2024/${quarter}`, { as: 'officer' });
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ year: 2024, quarter, ...counts });
      const csv = await api.get(`/v1/statistics/quarterly/2024/${quarter}`, {
        as: 'officer',
        headers: { accept: 'text/csv;q=0.9, application/json;q=0.1' },
      });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const { from, to } = json.body as { from: string; to: string };
      expect(csv.text).toBe(
        csvOf(
          ['year', 'quarter', 'from', 'to', ...MEASURES],
          [[2024, quarter, from, to, ...MEASURES.map((m) => counts[m])]],
        ),
      );
    },
  );

  it.each([
    ['to before from', '/v1/statistics/weekly?from=2024-04-02&to=2024-04-01'],
    ['a date that is not one', '/v1/statistics/weekly?from=2024-02-30&to=2024-04-01'],
    ['a date before the program', '/v1/statistics/weekly?from=0000-01-01&to=2024-04-01'],
    ['quarter 5', '/v1/statistics/quarterly/2024/5'],
    ['a year before the program', '/v1/statistics/quarterly/2021/4'],
  ])('refuses %s with 400', async (_, url) => {
    const { status, headers } = await api.get(url, { as: 'officer' });
    expect(status).toBe(400);
    expect(headers['content-type']).toContain('application/problem+json');
  });

  it('answers up to the last plain date, and for 520 weeks at most', async () => {
    const last = await api.get('/v1/statistics/weekly?from=9999-12-20&to=9999-12-31', { as: 'officer' });
    expect(last.status).toBe(200);
    expect(last.body.weeks.map((week: { weekStarting: string }) => week.weekStarting)).toEqual([
      '9999-12-20',
      '9999-12-27',
    ]);
    const longest = await api.get('/v1/statistics/weekly?from=2022-01-03&to=2031-12-21', { as: 'auditor' });
    expect(longest.body.weeks).toHaveLength(520);
    const tooLong = await api.get('/v1/statistics/weekly?from=2022-01-03&to=2031-12-22', { as: 'auditor' });
    expect(tooLong.status).toBe(400);
  });

  it('gives the same answers after the statistics read model is rebuilt from the log', async () => {
    const before = (await api.get('/v1/statistics/weekly?from=2024-01-01&to=2024-12-31', { as: 'officer' })).body;
    const accepted = await api.post('/v1/admin/projections/statistics/rebuild', undefined, { as: 'admin' });
    expect(accepted.status).toBe(202);
    for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const { body } = await api.get('/v1/admin/projections/statistics', { as: 'admin' });
      if (body.rebuild === null && body.generation === 2) break;
      if (Date.now() > deadline) throw new Error(`rebuild not finished: ${JSON.stringify(body)}`);
    }
    expect((await api.get('/v1/statistics/weekly?from=2024-01-01&to=2024-12-31', { as: 'officer' })).body).toEqual(
      before,
    );
  });

  it('documents the CSV form of both reports in OpenAPI', async () => {
    const { body } = await api.get('/docs-json', { as: null });
    for (const path of ['/v1/statistics/weekly', '/v1/statistics/quarterly/{year}/{quarter}']) {
      expect(Object.keys(body.paths[path].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    }
  });
});
