import type { Command } from 'commander';
import { withSource, type CliContext } from '../cli-context';
import { personalValuesOfCase } from '@app/personal-data';
import { timelineEntry } from '@app/application';
import { timelineTable } from '../render/timeline-table';

export function historyCommand(program: Command, context: CliContext): void {
  program
    .command('history')
    .description('a case as a timeline: when, who, what and why, one line per event; no personal data')
    .argument('<id>', 'application id')
    .option('--json', 'the timeline as JSON lines instead of a table')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const events = await withSource(command, context, (source) => source.history(id));
      const caseValues = personalValuesOfCase(events);
      const entries = events.map((event) => timelineEntry(event, caseValues));
      context.out.write(
        options.json ? entries.map((entry) => `${JSON.stringify(entry)}\n`).join('') : `${timelineTable(entries)}\n`,
      );
    });
}
