#!/usr/bin/env node
import { CommanderError } from 'commander';
import { auditProgram } from './audit-program';
import { CliError } from './sources/audit-source';

const context = { out: process.stdout, err: process.stderr, env: process.env, now: () => new Date().toISOString() };

/** Exit codes: 0 done (and valid), 1 something was altered or not found, 2 the command could not run. */
async function main(argv: readonly string[]): Promise<void> {
  try {
    await auditProgram(context).parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof CliError) {
      process.stderr.write(`impplus-audit: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(
        `impplus-audit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    }
  }
}

void main(process.argv);
