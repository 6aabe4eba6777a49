import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { withSource, type CliContext } from '../cli-context';
import { caseExport, type CaseExport } from '../export/case-export';
import { csvExport } from '../export/csv-export';
import { htmlReport } from '../export/html-report';
import { personalDataLabels } from '@app/personal-data';

const FORMATS = {
  json: (exported: CaseExport) => `${JSON.stringify(exported, null, 2)}\n`,
  csv: csvExport,
  html: htmlReport,
} as const;
type Format = keyof typeof FORMATS;

export function exportCommand(program: Command, context: CliContext): void {
  program
    .command('export')
    .description('a case report: every event with its verification; personal data redacted by default')
    .argument('<id>', 'application id')
    .addOption(new Option('--format <format>', 'report format').choices(Object.keys(FORMATS)).makeOptionMandatory())
    .option('--include-personal-data', `keep the personal data (${personalDataLabels()}) that is otherwise redacted`)
    .option('--output <file>', 'write to a file instead of standard output')
    .action(
      async (
        id: string,
        options: { format: Format; includePersonalData?: boolean; output?: string },
        command: Command,
      ) => {
        const exported = await withSource(command, context, async (source) => {
          const includePersonalData = options.includePersonalData === true;
          const [events, verification] = [await source.history(id, { includePersonalData }), await source.verify(id)];
          return caseExport(id, events, verification, { includePersonalData, now: context.now() });
        });
        const text = FORMATS[options.format](exported);
        if (options.output) writeFileSync(options.output, text);
        else context.out.write(text);
      },
    );
}
