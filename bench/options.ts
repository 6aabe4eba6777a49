import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, type RunMode } from './http/service-process';

export type BenchOptions = Readonly<{
  quick: boolean;
  mode: RunMode;
  out: string;
  events: number;
  /** Seconds of each autocannon run (submissions, trivial route, lifecycles, as-of). */
  loadSeconds: number;
  /** Quick: the lifecycles sent, however long they take (the full run sends them for `loadSeconds`). */
  maxLifecycles: number;
  /** Minimum time and iterations of each in-process tinybench task, and most rows the raw insert loops write. */
  taskMs: number;
  taskIterations: number;
  maxRawRows: number;
  /** Where the cold-started service writes its `--cpu-prof` profile; none when null. */
  profileDir: string | null;
  logLevel: string;
}>;

const USAGE =
  'npm run bench -- [--quick] [--out FILE] [--mode source|dist] [--events N] [--seconds S] [--profile DIR] [--log-level LEVEL]';

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      mode: { type: 'string', default: 'source' },
      events: { type: 'string' },
      seconds: { type: 'string' },
      profile: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
    },
  });
  if (values.mode !== 'source' && values.mode !== 'dist')
    throw new Error(`--mode must be source or dist, not ${values.mode}. ${USAGE}`);
  const quick = values.quick ?? false;
  const events = Number(values.events ?? (quick ? 10_000 : 1_000_000));
  const loadSeconds = Number(values.seconds ?? (quick ? 2 : 10));
  if (!Number.isInteger(events) || events < 100)
    throw new Error(`--events must be a whole number of at least 100. ${USAGE}`);
  if (!(loadSeconds > 0)) throw new Error(`--seconds must be a positive number. ${USAGE}`);
  return {
    quick,
    mode: values.mode,
    out: values.out ?? join(ROOT, 'bench/results.json'),
    events,
    loadSeconds,
    maxLifecycles: quick ? 100 : 7_000,
    taskMs: quick ? 300 : 2_000,
    taskIterations: quick ? 4 : 32,
    maxRawRows: quick ? 256 : 4_096,
    profileDir: values.profile ?? null,
    logLevel: values['log-level'] ?? 'info',
  };
}
