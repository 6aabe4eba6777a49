import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  CLIENT_TYPES_FILE,
  GENERATE_COMMAND,
  OPENAPI_DOCUMENT_FILE,
  staleGeneratedFiles,
  type GeneratedFile,
} from '../scripts/generated-files';

const ROOT = join(__dirname, '..');
const CHECK_TIMEOUT_MS = 90_000;

type Run = Readonly<{ code: number | null; output: string }>;

/**
 * `scripts/generate-client.ts --check` in a child process (openapi-typescript needs node's
 * require(esm), which jest's module runtime lacks), awaited on `close`.
 */
function checkGeneratedFiles(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'scripts/generate-client.ts'), '--check'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const record = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', record);
    child.stderr.on('data', record);
    const timer = setTimeout(() => child.kill('SIGKILL'), CHECK_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe(`the committed OpenAPI document and typed client are current (${GENERATE_COMMAND})`, () => {
  it(
    'docs/openapi.json and libs/client/src/generated/case-ledger.d.ts are what the app serves today',
    async () => {
      const { code, output } = await checkGeneratedFiles();
      if (code !== 0) throw new Error(`generate-client --check exited ${code}:\n${output}`);
      expect(output).toBe('');
    },
    CHECK_TIMEOUT_MS + 10_000,
  );

  it('names each stale or missing file with its first differing line, and nothing when all are current', () => {
    const generated: GeneratedFile[] = [
      { file: OPENAPI_DOCUMENT_FILE, content: '{\n  "openapi": "3.0.0"\n}\n' },
      { file: CLIENT_TYPES_FILE, content: 'export interface paths {}\n' },
    ];
    const committed = new Map([[OPENAPI_DOCUMENT_FILE, '{\n  "openapi": "3.0.0",\n  "x": 1\n}\n']]);
    expect(staleGeneratedFiles(generated, (file) => committed.get(file) ?? null)).toEqual([
      'docs/openapi.json differs from line 2: committed "  \\"openapi\\": \\"3.0.0\\",", generated "  \\"openapi\\": \\"3.0.0\\""',
      'libs/client/src/generated/case-ledger.d.ts is missing',
    ]);
    expect(staleGeneratedFiles(generated, (file) => generated.find((each) => each.file === file)!.content)).toEqual([]);
  });
});
