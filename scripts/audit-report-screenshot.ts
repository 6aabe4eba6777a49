/**
 * Renders the HTML audit report of a case in headless Chromium and saves a PNG: the check the
 * unit tests cannot make without a browser (see docs/architecture.md, "Audit CLI").
 *   npm run audit:screenshot -- [--data-dir DIR --id APPLICATION_ID] [--out report.png] [--height PIXELS]
 * Without a data directory it builds a demonstration one (three whole cases, signed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DigestSigner, DigestStore, loadOrCreateDevelopmentAuditKeys } from '@app/integrity';
import { SqliteEventStore } from '@app/event-store';
import { appendCases } from '../libs/application/src/testing/case-streams.fixture';
import { caseExport } from '../apps/audit-cli/src/export/case-export';
import { htmlReport } from '../apps/audit-cli/src/export/html-report';
import { EmbeddedSource } from '../apps/audit-cli/src/sources/embedded-source';
import { findChromium, withChromiumPage } from './chromium-cdp';

async function demonstrationDataDir(): Promise<{ dataDir: string; id: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-screenshot-'));
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  const [id] = await appendCases(store, 3);
  const digests = new DigestStore(join(dataDir, 'audit-digests.db'));
  await new DigestSigner(store, digests, loadOrCreateDevelopmentAuditKeys(dataDir).keyring, () =>
    new Date().toISOString(),
  ).signAll();
  digests.close();
  await store.close();
  return { dataDir, id };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      id: { type: 'string' },
      out: { type: 'string', default: 'audit-report.png' },
      height: { type: 'string' },
    },
  });
  const { dataDir, id } =
    values['data-dir'] && values.id
      ? { dataDir: resolve(values['data-dir']), id: values.id }
      : await demonstrationDataDir();
  const source = new EmbeddedSource(dataDir, process.env);
  const exported = caseExport(id, await source.history(id), await source.verify(id), {
    includePersonalData: false,
    now: new Date().toISOString(),
  });
  await source.close();
  const page = join(dataDir, `report-${id}.html`);
  writeFileSync(page, htmlReport(exported));
  const chromium = await findChromium(process.env);
  if (!chromium) {
    process.stderr.write(
      `No Chromium found (CHROMIUM_PATH, /usr/bin/chromium, @sparticuz/chromium). The report is at ${page}\n`,
    );
    process.exit(2);
  }
  const height = values.height ? Number(values.height) : undefined;
  const png = await withChromiumPage(chromium, `file://${page}`, { width: 1200, timeoutMs: 60_000 }, (tab) =>
    tab.screenshot(height ? { width: 1200, height } : undefined),
  );
  writeFileSync(values.out, png);
  process.stdout.write(
    `${chromium} rendered ${page}\n→ ${resolve(values.out)} (${png.length} bytes, ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px)\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
