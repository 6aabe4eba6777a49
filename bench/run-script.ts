import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a bench script's `main` in a new temporary directory named after `prefix`, removes the
 * directory when `main` settles, and reports a failure by its stack and exit code 1.
 */
export function runInTempDir(prefix: string, main: (workDir: string) => Promise<void>): void {
  const workDir = mkdtempSync(join(tmpdir(), prefix));
  main(workDir)
    .catch((error: Error) => {
      console.error(error.stack);
      process.exitCode = 1;
    })
    .finally(() => rmSync(workDir, { recursive: true, force: true }));
}
