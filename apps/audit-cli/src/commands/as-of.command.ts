import { InvalidArgumentError, type Command } from 'commander';
import type { PointInTime } from '@app/application';
import { withSource, type CliContext } from '../cli-context';

/** A revision (a whole number) or a UTC instant (ISO-8601). */
export function pointInTime(value: string): PointInTime {
  if (/^\d+$/.test(value)) return { revision: Number(value) };
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)))
    return { asOf: value };
  throw new InvalidArgumentError('expected a revision (e.g. 3) or a UTC instant (e.g. 2024-12-11T16:00:00Z)');
}

export function asOfCommand(program: Command, context: CliContext): void {
  program
    .command('as-of')
    .description('the application as it stood at an instant or a revision, replayed from its events')
    .argument('<id>', 'application id')
    .argument('<instant|revision>', 'a UTC instant or a stream revision', pointInTime)
    .action(async (id: string, at: PointInTime, _options: unknown, command: Command) => {
      const view = await withSource(command, context, (source) => source.asOf(id, at));
      context.out.write(`${JSON.stringify(view, null, 2)}\n`);
    });
}
