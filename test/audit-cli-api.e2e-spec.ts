import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { isAccessLogStream } from '@app/application';
import { HttpSource } from '../apps/audit-cli/src/sources/http-source';
import { KEYS, startTestApp, type TestApp } from './support/test-app';
import { CLI_TIMEOUT_MS, PERSONAL_DATA, caseDataDir, runAuditCli } from './support/audit-cli';

describe('audit CLI against a running API (--api-url, --api-key)', () => {
  let data: Awaited<ReturnType<typeof caseDataDir>>;
  let api: TestApp;
  let url: string;
  const viaApi = (key: string, ...args: string[]) => runAuditCli(['--api-url', url, '--api-key', key, ...args]);
  beforeAll(async () => {
    data = await caseDataDir();
    api = await startTestApp({ dataDir: data.dataDir, clock: data.clock });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  }, CLI_TIMEOUT_MS);
  afterAll(async () => {
    await api.close();
    rmSync(data.dataDir, { recursive: true, force: true });
  });

  it(
    'history, as-of and verify read the same case as the embedded store shows',
    async () => {
      const [remote, local] = await Promise.all([
        viaApi(KEYS.auditor, 'history', data.granted),
        runAuditCli(['--data-dir', data.dataDir, 'history', data.granted]),
      ]);
      expect(remote).toMatchObject({ code: 0, stderr: '' });
      expect(remote.stdout).toBe(local.stdout);
      expect(JSON.parse((await viaApi(KEYS.auditor, 'as-of', data.granted, '2')).stdout)).toEqual(
        data.views.afterLetter,
      );
      expect(await viaApi(KEYS.auditor, 'verify', data.granted)).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^✓ .* signed head verified at revision 5/),
      });
      const all = await viaApi(KEYS.auditor, 'verify', '--all');
      expect(all).toMatchObject({ code: 0, stdout: '2 applications verified: 2 valid, 0 broken\n' });
      expect(all.stderr).toContain('100% 2/2');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exports through the API with the API’s verification',
    async () => {
      const exported = JSON.parse((await viaApi(KEYS.auditor, 'export', data.granted, '--format', 'json')).stdout);
      expect(exported).toMatchObject({
        applicationId: data.granted,
        personalData: 'redacted',
        verification: { valid: true, signedHead: { status: 'verified' } },
      });
      expect(exported.events).toHaveLength(6);
      for (const secret of PERSONAL_DATA) expect(JSON.stringify(exported)).not.toContain(secret);
      expect((await api.get('/v1/audit/access-log', { as: 'auditor' })).body.entries).toEqual([]);
      const reason = 'ATIP request 2024-88';
      const full = JSON.parse(
        (
          await viaApi(
            KEYS.auditor,
            ...['export', data.granted, '--format', 'json', '--include-personal-data', '--reason', reason],
          )
        ).stdout,
      );
      expect(full).toMatchObject({ personalData: 'included' });
      expect(PERSONAL_DATA.filter((secret) => !JSON.stringify(full).includes(secret))).toEqual([]);
      expect((await api.get('/v1/audit/access-log', { as: 'auditor' })).body.entries).toEqual([
        expect.objectContaining({
          principal: 'test-auditor',
          applicationId: data.granted,
          route: 'GET /v1/applications/{id}/history',
          reason,
        }),
      ]);
      const refused = await viaApi(KEYS.auditor, 'export', data.granted, '--format', 'json', '--reason', reason);
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--include-personal-data') });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'receives the events redacted from the API unless the read includes personal data',
    async () => {
      const source = new HttpSource(url, KEYS.auditor);
      const redacted = JSON.stringify(await source.history(data.granted));
      expect(PERSONAL_DATA.filter((secret) => redacted.includes(secret))).toEqual([]);
      const included = JSON.stringify(await source.history(data.granted, { includePersonalData: true }));
      expect(PERSONAL_DATA.filter((secret) => !included.includes(secret))).toEqual([]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'rebuilds and signs with an admin key, and refuses them to an auditor',
    async () => {
      const rebuilt = await viaApi(KEYS.admin, 'rebuild', 'case-view');
      expect(rebuilt).toMatchObject({ code: 0, stdout: expect.stringMatching(/^case-view serves generation 2 /) });
      expect((await api.get(`/v1/applications/${data.granted}`, { as: 'auditor' })).body).toEqual(data.views.granted);
      const signed = await viaApi(KEYS.admin, 'sign');
      // Appended since the digest of the data directory: the access events of the reveals above, if they ran.
      const revealed = (await api.store.readAll({ limit: 1000 })).filter((event) =>
        isAccessLogStream(event.streamName),
      );
      expect(JSON.parse(signed.stdout)).toMatchObject({
        id: revealed.length > 0 ? 2 : 1,
        signedEvents: revealed.length,
      });
      expect(await viaApi(KEYS.auditor, 'rebuild', 'case-view')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('403'),
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'says which application is unknown, with exit code 1',
    async () => {
      const unknown = await viaApi(KEYS.auditor, 'history', '00000000-0000-4000-8000-000000000000');
      expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('404') });
    },
    CLI_TIMEOUT_MS,
  );
});
