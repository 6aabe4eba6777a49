import { Command } from 'commander';
import type { CliContext } from './cli-context';
import { asOfCommand } from './commands/as-of.command';
import { exportCommand } from './commands/export.command';
import { historyCommand } from './commands/history.command';
import { operationsCommands } from './commands/operations.command';
import { verifyCommand } from './commands/verify.command';

/** The auditors' command line (shared/DESIGN.md): replay, as-of, verify, export; and two operator commands. */
export function auditProgram(context: CliContext): Command {
  const program = new Command('impplus-audit')
    .description(
      'IMP+ Case Ledger audit tools: replay a case, see it as of any point, verify it was not altered, export a report',
    )
    .option('--data-dir <dir>', "read the embedded store directly (the API's DATA_DIR; default $DATA_DIR or ./data)")
    .option('--api-url <url>', 'read a running API instead (or $IMPPLUS_API_URL)')
    .option('--api-key <key>', 'API key for --api-url (or $IMPPLUS_API_KEY)')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => context.out.write(text), writeErr: (text) => context.err.write(text) });
  historyCommand(program, context);
  asOfCommand(program, context);
  verifyCommand(program, context);
  exportCommand(program, context);
  operationsCommands(program, context);
  return program;
}
