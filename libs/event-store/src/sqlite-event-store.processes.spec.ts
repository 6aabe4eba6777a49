import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { RecordedEvent } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { expectStrictlyIncreasing, idsOf, newStream } from './testing/event-store-fixtures.contract';
import { useTempDir } from './testing/temp-dir.contract';

const REGISTER = join(__dirname, 'testing', 'swc-register.js');
const WRITER = join(__dirname, 'testing', 'sqlite-writer.child.js');
const CRASH_STREAMS = ['crash-0', 'crash-1', 'crash-2', 'crash-3', 'crash-4'];

type Ack = Readonly<{ stream: string; revision: number; batch: string }>;

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

function startWriter(args: readonly string[]): { child: ChildProcess; stderr: () => string; exited: Promise<string> } {
  const child = spawn(process.execPath, ['-r', REGISTER, WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<string>((resolve) =>
    child.once('close', (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  return { child, stderr: () => stderr, exited };
}

/** Runs a writer process and SIGKILLs it once it has acknowledged `acksBeforeKill` appends. */
async function appendUntilKilled(file: string, acksBeforeKill: number): Promise<Ack[]> {
  const writer = startWriter(['append-until-killed', file]);
  const acks: Ack[] = [];
  for await (const line of createInterface({ input: writer.child.stdout! })) {
    const [, stream, revision, batch] = line.split(' ');
    acks.push({ stream, revision: Number(revision), batch });
    if (acks.length === acksBeforeKill) writer.child.kill('SIGKILL');
  }
  expect({ ended: await writer.exited, stderr: writer.stderr() }).toEqual({ ended: 'SIGKILL', stderr: '' });
  return acks;
}

async function contendInProcess(file: string, stream: string, writers: number): Promise<string[]> {
  const writer = startWriter(['contend', file, stream, String(writers)]);
  let output = '';
  writer.child.stdout?.on('data', (chunk) => (output += chunk));
  expect({ ended: await writer.exited, stderr: writer.stderr() }).toEqual({ ended: 'exit code 0', stderr: '' });
  return JSON.parse(output);
}

/** Each append of the writer was one batch of `metadata.size` events: all of them are there, or none. */
function expectWholeBatches(events: readonly RecordedEvent[]): void {
  const stored = new Map<unknown, number>();
  for (const { metadata } of events) stored.set(metadata.batch, (stored.get(metadata.batch) ?? 0) + 1);
  for (const { metadata } of events) {
    expect({ batch: metadata.batch, size: stored.get(metadata.batch) }).toEqual({
      batch: metadata.batch,
      size: metadata.size,
    });
  }
}

describe('SqliteEventStore across processes', () => {
  const tempDir = useTempDir('sqlite-processes-');
  const file = () => join(tempDir(), 'events.db');

  it('keeps every acknowledged append, with no gaps and no torn batches, across repeated SIGKILLs', async () => {
    const killPoints = range(3).map(() => randomInt(20, 400));
    const acks: Ack[] = [];
    for (const acksBeforeKill of killPoints) acks.push(...(await appendUntilKilled(file(), acksBeforeKill)));

    const store = new SqliteEventStore(file());
    try {
      const streams = new Map<string, RecordedEvent[]>();
      for (const stream of CRASH_STREAMS) streams.set(stream, await store.readStream(stream));
      for (const events of streams.values()) {
        expect(events.map((event) => event.revision)).toEqual(range(events.length));
        expectWholeBatches(events);
      }
      for (const ack of acks) {
        expect({ ack, stored: streams.get(ack.stream)?.[ack.revision]?.metadata.batch }).toEqual({
          ack,
          stored: ack.batch,
        });
      }
      const log = await store.readAll({ after: 0, limit: 10_000 });
      expectStrictlyIncreasing(log.map((event) => event.position));
    } finally {
      await store.close();
    }
    const raw = new Database(file(), { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  }, 30_000);

  it('serialises read-decide-append writers in two processes on one stream', async () => {
    const stream = newStream('counter');

    const [first, second] = await Promise.all([
      contendInProcess(file(), stream, 100),
      contendInProcess(file(), stream, 100),
    ]);

    const store = new SqliteEventStore(file());
    try {
      const stored = await store.readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual(range(200));
      expect(idsOf(stored).sort()).toEqual([...first, ...second].sort());
      expect(stored.map((event) => event.data.seenRevision)).toEqual(range(200).map((revision) => revision - 1));
    } finally {
      await store.close();
    }
  }, 30_000);
});
