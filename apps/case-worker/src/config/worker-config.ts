import { loadHostingConfig, type HostingConfig } from '@app/hosting';

/** The stores a worker can share with case-api; `memory` lives in one process, so a worker cannot share it. */
export const WORKER_STORE_KINDS = ['sqlite', 'kurrentdb'] as const;
export type WorkerStoreKind = (typeof WORKER_STORE_KINDS)[number];

/** case-worker's settings: case-api's shared variables, read by the same parser (README "Configuration"). */
export type WorkerConfig = HostingConfig<WorkerStoreKind>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  return loadHostingConfig(env, WORKER_STORE_KINDS);
}
