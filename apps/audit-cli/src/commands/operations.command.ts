import type { Command } from 'commander';
import { withSource, type CliContext } from '../cli-context';
import { ProgressBar } from '../render/progress-bar';

/** Operators' commands: rebuild a read model while it serves, sign a digest now. */
export function operationsCommands(program: Command, context: CliContext): void {
  program
    .command('rebuild')
    .description('rebuild a read model (case-view, intake-ledger) from position 0 while it keeps serving, then switch')
    .argument('<projection>', 'read model name')
    .action(async (projection: string, _options: unknown, command: Command) => {
      const bar = new ProgressBar(context.err, `rebuilding ${projection}`);
      const done = await withSource(command, context, (source) =>
        source.rebuild(projection, (progress) =>
          bar.update(
            progress.rebuild?.checkpoint ?? progress.checkpoint,
            progress.head,
            progress.rebuild ? `generation ${progress.rebuild.generation}` : '',
          ),
        ),
      );
      bar.finish();
      context.out.write(
        `${projection} serves generation ${done.generation} (position ${done.checkpoint} of ${done.head})\n`,
      );
    });

  program
    .command('sign')
    .description('sign a digest of every stream head now (the API also signs periodically)')
    .action(async (_options: unknown, command: Command) => {
      const digest = await withSource(command, context, (source) => source.signDigest());
      context.out.write(`${JSON.stringify(digest, null, 2)}\n`);
    });
}
