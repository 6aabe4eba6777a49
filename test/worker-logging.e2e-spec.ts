import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { ManualClock } from '@app/application';
import { startTestWorker } from './support/processes';

/** A log destination that keeps every line pino writes. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('case-worker logs (docs/privacy.md)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-worker-logs-'));
  const { lines, stream } = capture();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    worker = await startTestWorker(dataDir, new ManualClock('2024-12-10T15:30:00Z'), {
      level: 'info',
      destination: stream,
    });
  });
  afterAll(async () => {
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes JSON lines through the shared redaction, as the API does', () => {
    new Logger('Test').warn({
      msg: 'screening looked at',
      applicant: { familyName: 'Tremblay', passport: { number: 'ZX9988776' } },
    });

    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(1);
    const warned = parsed.find((entry) => entry.msg === 'screening looked at');
    expect(warned).toMatchObject({ applicant: { familyName: '[redacted]', passport: { number: '[redacted]' } } });
    expect(lines.join('\n')).not.toMatch(/ZX9988776|Tremblay/);
  });
});
