import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, userInfo } from 'node:os';
import Database from 'better-sqlite3';
import { accessLogStreamName, readAccessLog } from '@app/application';
import { SqliteEventStore } from '@app/event-store';
import { verifyChain } from '@app/integrity';
import { EMBEDDED_REVEAL_ROUTE } from '../apps/audit-cli/src/sources/embedded-source';
import { CLI_TIMEOUT_MS, PERSONAL_DATA, caseDataDir, runAuditCli } from './support/audit-cli';

describe('audit CLI on the embedded store (--data-dir)', () => {
  let data: Awaited<ReturnType<typeof caseDataDir>>;
  const cli = (...args: string[]) => runAuditCli(['--data-dir', data.dataDir, ...args]);
  beforeAll(async () => {
    data = await caseDataDir();
  }, CLI_TIMEOUT_MS);
  afterAll(() => rmSync(data.dataDir, { recursive: true, force: true }));

  it(
    'history: a timeline table of when, who, what and why, without personal data',
    async () => {
      const { code, stdout, stderr } = await cli('history', data.granted);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const [header, rule, ...rows] = stdout.trimEnd().split('\n');
      expect(header).toMatch(/^#\s+When \(UTC\)\s+Who\s+What\s+Why$/);
      expect(rule).toMatch(/^[─ ]+$/);
      expect(rows.map((row) => row.split(/\s{2,}/)[3])).toEqual([
        'Application received (principal, online, IMM1295)',
        'Intake number 1 of 2024',
        'Biometric instruction letter issued, due 2025-01-10',
        'Biometrics enrolled at VAC Paris',
        'Approved by test-officer',
        'Work permit issued (A76), valid 2024-12-20 to 2027-12-20',
      ]);
      expect(rows[4]).toMatch(/^4\s+2024-12-15 10:00:00\s+test-officer \(officer\).*All requirements met\.$/);
      expect((await cli('history', data.refused)).stdout).toMatch(
        /Refused by test-officer\s+R200\(1\)\(c\)\(ii\) \(E6\): The invitation letter on file was issued/,
      );
      for (const secret of PERSONAL_DATA) expect(stdout).not.toContain(secret);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'reads the event log at EVENTS_DB when the deployment names one, as the API does',
    async () => {
      const elsewhere = mkdtempSync(join(tmpdir(), 'audit-cli-events-db-'));
      const dataDirWithoutLog = join(elsewhere, 'data');
      try {
        cpSync(data.dataDir, dataDirWithoutLog, { recursive: true });
        renameSync(join(dataDirWithoutLog, 'events.db'), join(elsewhere, 'shared-events.db'));
        const withoutSetting = await runAuditCli(['--data-dir', dataDirWithoutLog, 'history', data.granted]);
        expect(withoutSetting).toMatchObject({ code: 2, stderr: expect.stringContaining('No event store at') });
        const withSetting = await runAuditCli(['--data-dir', dataDirWithoutLog, 'history', data.granted], {
          EVENTS_DB: join(elsewhere, 'shared-events.db'),
        });
        expect({ code: withSetting.code, stderr: withSetting.stderr }).toEqual({ code: 0, stderr: '' });
        expect(withSetting.stdout).toContain('Intake number 1 of 2024');
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'as-of: the view replayed to a revision or an instant',
    async () => {
      const byRevision = await cli('as-of', data.granted, '2');
      expect(JSON.parse(byRevision.stdout)).toEqual(data.views.afterLetter);
      const byInstant = await cli('as-of', data.granted, '2024-12-11T16:00:00Z');
      expect(JSON.parse(byInstant.stdout)).toEqual(data.views.afterLetter);
      expect(JSON.parse((await cli('as-of', data.granted, '2030-01-01T00:00:00Z')).stdout)).toEqual(data.views.granted);
      const before = await cli('as-of', data.granted, '2024-01-01T00:00:00Z');
      expect(before).toMatchObject({ code: 1, stderr: expect.stringContaining('did not exist yet') });
      expect((await cli('as-of', data.granted, 'yesterday')).code).toBe(2);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'verify: one application, then --all with a progress bar, exit code 1 once a stream was altered',
    async () => {
      const one = await cli('verify', data.granted);
      expect(one).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          /^✓ .*valid, 6 events, chain intact, signed head verified at revision 5 \(digest 1/,
        ),
      });

      const db = new Database(join(data.dataDir, 'events.db'));
      const last = db
        .prepare('SELECT max(revision) FROM events WHERE stream_name = ?')
        .pluck()
        .get(`application-${data.refused}`) as number;
      db.prepare('DELETE FROM events WHERE stream_name = ? AND revision = ?').run(`application-${data.refused}`, last);
      db.close();
      const all = await cli('verify', '--all');
      expect(all.code).toBe(1);
      expect(all.stdout).toContain('2 applications verified: 1 valid, 1 broken');
      expect(all.stdout).toContain(
        `✗ ${data.refused}: BROKEN from revision ${last}; chain intact; signed head broken at revision ${last}`,
      );
      expect(all.stderr).toMatch(/verifying \[█{30}\] 100% 2\/2 1 broken/);
      expect(JSON.parse((await cli('verify', '--json', data.refused)).stdout)).toMatchObject({
        id: data.refused,
        verification: { valid: false, firstBrokenRevision: last },
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'rebuild and sign: operator commands on the same data directory',
    async () => {
      const rebuilt = await cli('rebuild', 'case-view');
      expect(rebuilt).toMatchObject({ code: 0, stdout: expect.stringMatching(/^case-view serves generation 2 /) });
      expect(rebuilt.stderr).toContain('100%');
      const signed = await cli('sign');
      expect(signed.code).toBe(0);
      expect(JSON.parse(signed.stdout)).toMatchObject({
        id: 1,
        keyId: expect.stringMatching(/^dev-/),
        signedEvents: 0,
        refused: [],
      });
      expect((await cli('rebuild', 'intake-numbering')).code).toBe(2);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'export --include-personal-data records the reveal in the store’s access log, as the operating-system user',
    async () => {
      const reason = 'Privacy complaint 31';
      const run = await cli('export', data.granted, '--format', 'json', '--include-personal-data', '--reason', reason);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(await cli('export', data.granted, '--format', 'json')).toMatchObject({ code: 0 });
      const store = new SqliteEventStore(join(data.dataDir, 'events.db'));
      try {
        const { entries } = await readAccessLog(store, { now: new Date().toISOString(), limit: 10 });
        expect(entries).toEqual([
          {
            at: expect.any(String),
            principal: `local:${userInfo().username}`,
            applicationId: data.granted,
            route: EMBEDDED_REVEAL_ROUTE,
            reason,
          },
        ]);
        const stream = accessLogStreamName(entries[0].at);
        expect(verifyChain(await store.readStream(stream))).toEqual({ valid: true, checkedEvents: 1 });
      } finally {
        await store.close();
      }
      expect(
        await cli('export', data.granted, '--format', 'json', '--include-personal-data', '--reason', ' '),
      ).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--reason must be one line') });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'says what is wrong with a data directory that has no store',
    async () => {
      const run = await runAuditCli(['--data-dir', join(data.dataDir, 'nope'), 'history', data.granted]);
      expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('No event store at') });
    },
    CLI_TIMEOUT_MS,
  );
});
