import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/case-api/src/bootstrap';
import { loadConfig } from '../apps/case-api/src/config/app-config';

/**
 * The settings the document is built with: the documented defaults, whatever the caller's
 * environment holds, so that the document is the same on every machine. Keys and a data directory
 * are required to build the app; they appear nowhere in the document.
 */
const DOCUMENT_ENV: NodeJS.ProcessEnv = {
  EVENT_STORE: 'memory',
  LOG_LEVEL: 'silent',
  RUN_PROCESSES: 'false',
  API_KEYS: JSON.stringify([{ key: 'openapi-document-only-key', principal: 'openapi-document', roles: ['auditor'] }]),
};

/**
 * The OpenAPI document exactly as `GET /docs-json` serves it, built in-process: the app is created
 * on an in-memory store and asked through Fastify's inject, with no port and no network.
 */
export async function servedOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-openapi-'));
  try {
    const { app } = await createApp(loadConfig({ ...DOCUMENT_ENV, DATA_DIR: dataDir }));
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const response = await app.inject({ method: 'GET', url: '/docs-json' });
      if (response.statusCode !== 200) throw new Error(`GET /docs-json answered ${response.statusCode}`);
      return response.json();
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The document as it is written to docs/openapi.json: two-space JSON, keys in the server's order, one final newline. */
export function renderOpenApiDocument(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
