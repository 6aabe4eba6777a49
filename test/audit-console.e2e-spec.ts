import { readdirSync } from 'node:fs';
import { ManualClock, applicationHistory, timelineEntry } from '@app/application';
import { personalValuesOfCase } from '@app/personal-data';
import { AUDIT_CONSOLE_ASSETS } from '../apps/case-api/src/audit/console/audit-console';
import { PERSONAL_DATA } from './support/audit-cli';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

describe('the auditor console and the routes it reads', () => {
  let api: TestApp;
  let id: string;
  let baseUrl: string;
  /** The console's files are no API route (the OpenAPI document leaves them out): read over real HTTP. */
  const served = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
    return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
  };
  beforeAll(async () => {
    api = await startTestApp({ clock: new ManualClock('2024-12-10T15:30:00Z') });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    id = (await api.post('/v1/applications', exampleSubmission())).body.id;
    await api.post(`/v1/applications/${id}/biometric-instruction-letters`, {}, { as: 'officer' });
  });
  afterAll(() => api.close());

  it('serves GET /audit/ without a key, under a Content-Security-Policy that allows no inline script', async () => {
    const page = await served('/audit/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:/);
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes, body]) => ({ src: /src="([^"]+)"/.exec(attributes)?.[1], body }))).toEqual([
      { src: 'console.js', body: '' },
    ]);
    expect(page.text).not.toMatch(/\sstyle=|\son[a-z]+=|https?:\/\//);
  });

  it('redirects /audit to /audit/ and serves every file of the console with the same policy', async () => {
    const bare = await served('/audit');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/audit/');
    for (const file of readdirSync(AUDIT_CONSOLE_ASSETS)) {
      const asset = await served(`/audit/${file}`);
      expect({ file, status: asset.status }).toEqual({ file, status: 200 });
      expect(asset.headers['content-security-policy']).toBe(
        (await served('/audit/')).headers['content-security-policy'],
      );
      if (file.endsWith('.js')) expect(asset.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    }
    expect((await served('/audit/nothing-here.js')).status).toBe(404);
  });

  it('every module the console imports is a file it serves', async () => {
    const files = new Set(readdirSync(AUDIT_CONSOLE_ASSETS));
    for (const file of [...files].filter((name) => name.endsWith('.js'))) {
      const text = (await served(`/audit/${file}`)).text;
      for (const [, imported] of text.matchAll(/from '\.\/([^']+)'/g))
        expect({ file, imported, served: files.has(imported) }).toEqual({ file, imported, served: true });
    }
  });

  it('GET /v1/applications/{id}/timeline gives the audit CLI’s lines, with no personal data', async () => {
    const timeline = await api.get(`/v1/applications/${id}/timeline`, { as: 'auditor' });
    expect(timeline.status).toBe(200);
    const events = await applicationHistory(api.store, id);
    expect(timeline.body.entries).toEqual(events.map((event) => timelineEntry(event, personalValuesOfCase(events))));
    expect(timeline.body.entries.map((entry: { what: string }) => entry.what)).toEqual([
      expect.stringMatching(/^Application received/),
      'Intake number 1 of 2024',
      expect.stringMatching(/^Biometric instruction letter issued, due /),
    ]);
    for (const value of PERSONAL_DATA) expect(timeline.text).not.toContain(value);
    expect((await api.get(`/v1/applications/${id}/timeline`, { as: 'officer' })).status).toBe(403);
  });

  it('GET /v1/intake/{year}/numbers/{number} names the application holding an intake number (C3)', async () => {
    expect((await api.get('/v1/intake/2024/numbers/1', { as: 'auditor' })).body).toEqual({
      year: 2024,
      number: 1,
      applicationId: id,
      withinCap: true,
    });
    const missing = await api.get('/v1/intake/2024/numbers/2', { as: 'auditor' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'INTAKE_NUMBER_NOT_FOUND',
      detail: 'No application holds intake number 2 of 2024',
    });
    const zero = await api.get('/v1/intake/2024/numbers/0', { as: 'auditor' });
    expect(zero.status).toBe(400);
    expect(zero.headers['content-type']).toContain('application/problem+json');
    expect(zero.text).toContain('number');
    expect((await api.get('/v1/intake/2024/numbers/1', { as: 'intake' })).status).toBe(403);
  });
});
