import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore, transpilerFor } from '@app/event-store';

const ENTRY = join(__dirname, 'tail-thread.worker.ts');

/** Starts the thread's module as startModuleWorker does, and has the thread list every module it loaded once it is ready. */
const LISTING_BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.transpiler);
require(workerData.entry);
parentPort.on('message', (request) => {
  if (request === 'modules') parentPort.postMessage({ kind: 'modules', files: Object.keys(require.cache) });
});
`;

describe("the feed tail's thread", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tail-thread-modules-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the log, the domain and the redaction, not Nest, CQRS or rxjs (each module is memory the thread holds)', async () => {
    const eventsFile = join(dir, 'events.db');
    await new SqliteEventStore(eventsFile).close();
    const thread = new Worker(LISTING_BOOTSTRAP, {
      eval: true,
      workerData: { entry: ENTRY, transpiler: transpilerFor(ENTRY), eventsFile, busyTimeoutMs: 1000 },
    });
    try {
      const files = await new Promise<string[]>((resolve, reject) => {
        thread.on('error', reject);
        thread.on('message', (message: { kind: string; files?: string[] }) => {
          if (message.kind === 'ready') thread.postMessage('modules');
          if (message.kind === 'modules') resolve(message.files ?? []);
        });
      });
      expect(files).toContain(ENTRY);
      expect(files.filter((file) => /[/\\]node_modules[/\\](@nestjs|rxjs)[/\\]/.test(file))).toEqual([]);
      // 166 when written (2026-12-07); through @app/application's index it was 833.
      expect(files.length).toBeLessThan(300);
    } finally {
      await thread.terminate();
    }
  });
});
