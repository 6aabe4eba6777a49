import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, type AuditSource } from './sources/audit-source';
import { EmbeddedSource } from './sources/embedded-source';
import { HttpSource } from './sources/http-source';

/** Where the commands write and what they read from; replaced in tests by nothing but argv and env. */
export type CliContext = Readonly<{
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  now: () => string;
}>;

type GlobalOptions = Readonly<{ dataDir?: string; apiUrl?: string; apiKey?: string }>;

/** The API when `--api-url` is given, else the embedded store in `--data-dir` (default `DATA_DIR` or `./data`). */
export function openSource(command: Command, context: CliContext): AuditSource {
  const options = command.optsWithGlobals<GlobalOptions>();
  const apiUrl = options.apiUrl ?? context.env.IMPPLUS_API_URL;
  if (apiUrl) {
    const apiKey = options.apiKey ?? context.env.IMPPLUS_API_KEY;
    if (!apiKey)
      throw new CliError(
        '--api-url needs --api-key (or IMPPLUS_API_KEY): an auditor key, or an admin key for rebuild and sign',
      );
    return new HttpSource(apiUrl, apiKey);
  }
  return new EmbeddedSource(resolve(options.dataDir ?? context.env.DATA_DIR ?? './data'), context.env);
}

/** Opens the source, runs the action, and always closes it. */
export async function withSource<T>(
  command: Command,
  context: CliContext,
  action: (source: AuditSource) => Promise<T>,
): Promise<T> {
  const source = openSource(command, context);
  try {
    return await action(source);
  } finally {
    await source.close();
  }
}
