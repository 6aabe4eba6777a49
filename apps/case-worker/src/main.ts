import { ConfigError, limitHeapGrowth } from '@app/hosting';
import { createWorker } from './bootstrap';
import { loadWorkerConfig } from './config/worker-config';

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  limitHeapGrowth(config.heapGrowthPercent);
  const worker = await createWorker(config);
  worker.enableShutdownHooks();
  const log = config.eventsDb ? `, event log: ${config.eventsDb}` : '';
  console.log(
    `IMP+ Case Ledger worker: projections, processes and scheduler every ${config.schedulerTickMs} ms (event store: ${config.eventStore}${log}, data: ${config.dataDir})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
