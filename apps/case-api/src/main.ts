import { readFileSync } from 'node:fs';
import { ConfigError, limitHeapGrowth, setPretenuring } from '@app/hosting';
import { createApp } from './bootstrap';
import { loadConfig } from './config/app-config';
import { shutDownGracefullyOnSignals } from './infrastructure/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  limitHeapGrowth(config.heapGrowthPercent);
  setPretenuring(config.heapPretenuring);
  const { app, developmentKeysFile, draining } = await createApp(config);
  shutDownGracefullyOnSignals(app, draining, { timeoutMs: config.shutdownTimeoutMs });
  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  const log = config.eventsDb ? `, event log: ${config.eventsDb}` : '';
  console.log(`IMP+ Case Ledger API on ${url} (event store: ${config.eventStore}${log}, data: ${config.dataDir})`);
  console.log(`OpenAPI: ${url}/docs`);
  if (developmentKeysFile) {
    console.log(
      `Development mode: one API key per role (intake, officer, auditor, admin) is in ${developmentKeysFile}`,
    );
    console.log(`  e.g. KEY=$(node -p "require('${developmentKeysFile}').intake")`);
    const { auditor } = JSON.parse(readFileSync(developmentKeysFile, 'utf8')) as { auditor: string };
    console.log(`Auditor console: ${url}/audit/ (development auditor key: ${auditor})`);
  } else {
    console.log(`Auditor console: ${url}/audit/`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
