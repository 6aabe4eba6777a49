import { MemoryEventStore } from '@app/event-store';
import type { CommandContext } from '../../pipeline/command-context';
import { readAccessLog, type AccessLogQuery } from './access-log-reader';
import { AccessLogWriter } from './access-log-writer';

const CASE_A = '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19';
const CASE_B = '7a1d2e3f-4b5c-4d6e-8f70-1a2b3c4d5e6f';
const CASE_C = '0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e';
const NOW = '2024-12-12T12:00:00.000Z';
let sequence = 0;

describe('readAccessLog', () => {
  const store = new MemoryEventStore();
  const record = (now: string, auditor: string, applicationIds: string[], reason: string | null) => {
    const context: CommandContext = {
      commandId: `reveal-${++sequence}`,
      correlationId: 'c',
      causationId: 'r',
      actor: { id: auditor, role: 'auditor' },
      now,
    };
    return new AccessLogWriter(store).record({ applicationIds, route: 'GET /v1/audit/events', reason }, context);
  };
  const list = (query: Partial<AccessLogQuery> = {}) => readAccessLog(store, { now: NOW, limit: 100, ...query });

  beforeAll(async () => {
    await record('2024-12-09T10:00:00.000Z', 'auditor-1', [CASE_A], 'complaint 117');
    await record('2024-12-11T09:00:00.000Z', 'auditor-2', [CASE_A, CASE_B, CASE_C], null);
    await record('2024-12-11T18:00:00.000Z', 'auditor-1', [CASE_B], 'ATIP request 4');
  });

  it('lists one entry per revealed case, oldest first across the day streams, skipping days without any', async () => {
    const { entries, next } = await list();
    expect(entries.map((entry) => [entry.at.slice(0, 13), entry.principal, entry.applicationId])).toEqual([
      ['2024-12-09T10', 'auditor-1', CASE_A],
      ['2024-12-11T09', 'auditor-2', CASE_A],
      ['2024-12-11T09', 'auditor-2', CASE_B],
      ['2024-12-11T09', 'auditor-2', CASE_C],
      ['2024-12-11T18', 'auditor-1', CASE_B],
    ]);
    expect(entries[0]).toEqual({
      at: '2024-12-09T10:00:00.000Z',
      principal: 'auditor-1',
      applicationId: CASE_A,
      route: 'GET /v1/audit/events',
      reason: 'complaint 117',
    });
    expect(entries[1].reason).toBeNull();
    expect(next).toBeNull();
  });

  it('filters by case, by principal and by instant (from inclusive, to exclusive)', async () => {
    const whose = async (query: Partial<AccessLogQuery>) =>
      (await list(query)).entries.map((entry) => `${entry.principal}:${entry.applicationId.slice(0, 4)}`);
    expect(await whose({ applicationId: CASE_B })).toEqual(['auditor-2:7a1d', 'auditor-1:7a1d']);
    expect(await whose({ principal: 'auditor-1' })).toEqual(['auditor-1:3f2b', 'auditor-1:7a1d']);
    expect(await whose({ from: '2024-12-11T09:00:00Z', to: '2024-12-11T18:00:00Z' })).toEqual([
      'auditor-2:3f2b',
      'auditor-2:7a1d',
      'auditor-2:0b9c',
    ]);
    expect(await whose({ from: '2024-12-12T00:00:00Z' })).toEqual([]);
  });

  it('pages with the cursor through an event’s cases without losing or repeating an entry', async () => {
    const seen: string[] = [];
    let cursor: AccessLogQuery['cursor'];
    for (let page = 0; page < 10; page++) {
      const result = await list({ limit: 2, cursor });
      seen.push(...result.entries.map((entry) => `${entry.at.slice(8, 13)}:${entry.applicationId.slice(0, 4)}`));
      if (!result.next) break;
      cursor = result.next;
    }
    expect(seen).toEqual(['09T10:3f2b', '11T09:3f2b', '11T09:7a1d', '11T09:0b9c', '11T18:7a1d']);
  });

  it('walks no further than the day after now, whatever `to` says', async () => {
    const reads = jest.spyOn(store, 'readStream');
    await list({ from: '2024-12-01T00:00:00Z', to: '9999-12-31T00:00:00Z' });
    const days = reads.mock.calls.map(([stream]) => stream);
    expect(days[0]).toBe('accesslog-2024-12-01');
    expect(days.at(-1)).toBe('accesslog-2024-12-13');
    reads.mockRestore();
  });
});
