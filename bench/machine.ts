import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { ROOT } from './http/service-process';

export type Machine = Readonly<{
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  platform: string;
  tempDir: Readonly<{ path: string; filesystem: string; type: string; sizeBytes: number; freeBytes: number }>;
}>;

const quietly = (command: string, args: readonly string[]): string | null => {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

/** The disk under the temporary directory, where every store of the bench lives: `df -PT` for its device and type. */
function tempDisk(path: string): Machine['tempDir'] {
  const { bsize, blocks, bavail } = statfsSync(path);
  const [filesystem = 'unknown', type = 'unknown'] = (quietly('df', ['-PT', path])?.split('\n')[1] ?? '').split(/\s+/);
  return { path, filesystem, type, sizeBytes: bsize * blocks, freeBytes: bsize * bavail };
}

export function describeMachine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    tempDir: tempDisk(tmpdir()),
  };
}

/** The commit the bench ran on, and whether the working tree differed from it. */
export function gitCommit(): Readonly<{ commit: string; dirty: boolean }> {
  const commit = quietly('git', ['rev-parse', 'HEAD']) ?? 'unknown';
  const status = quietly('git', ['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: status !== null && status !== '' };
}
