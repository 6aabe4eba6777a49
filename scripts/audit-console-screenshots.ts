/**
 * Screenshots of the auditor console for docs/ (README, "Auditor console"): the API started in
 * this process on a fresh data directory with the README's example case taken to a permit, the
 * console driven in headless Chromium at 1280 px and at 390 px, then once more after an event is
 * edited in the store (the broken state).
 *   node -r ./scripts/swc-register.js scripts/audit-console-screenshots.ts [--out docs]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ManualClock } from '@app/application';
import { createApp } from '../apps/case-api/src/bootstrap';
import { loadConfig } from '../apps/case-api/src/config/app-config';
import { auditConsoleDriver } from './audit-console-driver';
import { findChromium, withChromiumPage } from './chromium-cdp';

const ROLES = ['intake', 'officer', 'auditor', 'admin'] as const;
const keyOf = (role: string) => `screenshot-${role}-key-000000001`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs' } } });
  const chromium = await findChromium(process.env);
  if (!chromium) throw new Error('No Chromium found (CHROMIUM_PATH, /usr/bin/chromium, @sparticuz/chromium)');
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-console-screenshots-'));
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    API_KEYS: JSON.stringify(ROLES.map((role) => ({ key: keyOf(role), principal: `${role}-demo`, roles: [role] }))),
  });
  const { app } = await createApp(config, { clock });
  await app.init();
  const call = async (role: string, url: string, body?: unknown) => {
    const response = await app.inject({
      method: body === undefined && !url.includes('digests') ? 'GET' : 'POST',
      url,
      headers: { authorization: `Bearer ${keyOf(role)}`, 'content-type': 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json<{ id: string }>();
  };
  const example = JSON.parse(readFileSync(join(__dirname, '../docs/examples/submit-application.json'), 'utf8'));
  const { id } = await call('intake', '/v1/applications', example);
  clock.set('2024-12-11T16:00:00Z');
  await call('officer', `/v1/applications/${id}/biometric-instruction-letters`, {});
  clock.set('2024-12-15T10:00:00Z');
  await call('intake', `/v1/applications/${id}/biometrics`, {
    enrolledAt: '2024-12-14T09:00:00Z',
    location: 'VAC Paris',
  });
  await call('officer', `/v1/applications/${id}/approval`, { notes: 'All requirements met.' });
  clock.set('2024-12-20T14:00:00Z');
  await call('officer', `/v1/applications/${id}/work-permit`, {
    issuedOn: '2024-12-20',
    medical: { examCompleted: true, designatedCountry: false },
  });
  await call('admin', '/v1/admin/audit/digests');
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/audit/`;
  const saved: string[] = [];
  const save = (name: string, png: Buffer) => {
    const file = resolve(values.out, name);
    writeFileSync(file, png);
    saved.push(`${file} (${png.length} bytes)`);
  };
  try {
    await withChromiumPage(chromium, url, { width: 1280, timeoutMs: 120_000 }, async (page) => {
      const console = auditConsoleDriver(page);
      await console.useKey(keyOf('auditor'));
      await console.openById(id);
      await console.scrubTo(2);
      await console.compare(2, 3);
      save('audit-console-1280.png', await page.screenshot({ width: 1280, height: 1400 }));
      await console.resize(390, 844);
      save('audit-console-390.png', await page.screenshot({ width: 390, height: 1500 }));
      await console.resize(1280, 900);
      const db = new Database(join(dataDir, 'events.db'));
      db.prepare(
        `UPDATE events SET data = replace(data, 'VAC Paris', 'VAC Lyon') WHERE stream_name = ? AND revision = 3`,
      ).run(`application-${id}`);
      db.close();
      await console.verifyAgain();
      const caseTop = await page.evaluate<number>(
        `document.querySelector('#case-title').getBoundingClientRect().top + scrollY`,
      );
      save(
        'audit-console-broken-1280.png',
        await page.screenshot({ width: 1280, height: 760, y: Math.round(caseTop) - 60 }),
      );
    });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(`${saved.join('\n')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
