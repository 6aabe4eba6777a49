import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { withSource, type CliContext } from '../cli-context';
import { caseExport, type CaseExport } from '../export/case-export';
import { csvExport } from '../export/csv-export';
import { htmlReport } from '../export/html-report';
import { personalDataLabels } from '@app/personal-data';
import { MAX_REVEAL_REASON_LENGTH } from '@app/application';
import { CliError } from '../sources/audit-source';

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
    .option(
      '--include-personal-data',
      `keep the personal data (${personalDataLabels()}) that is otherwise redacted; the reveal is recorded in the access log`,
    )
    .option('--reason <text>', 'why personal data is included: recorded with the reveal in the access log')
    .option('--output <file>', 'write to a file instead of standard output')
    .action(
      async (
        id: string,
        options: { format: Format; includePersonalData?: boolean; reason?: string; output?: string },
        command: Command,
      ) => {
        const exported = await withSource(command, context, async (source) => {
          const includePersonalData = options.includePersonalData === true;
          const read = { includePersonalData, reason: revealReason(options.reason, includePersonalData) };
          const [events, verification] = [await source.history(id, read), await source.verify(id)];
          return caseExport(id, events, verification, { includePersonalData, now: context.now() });
        });
        const text = FORMATS[options.format](exported);
        if (options.output) writeFileSync(options.output, text);
        else context.out.write(text);
      },
    );
}

/** The reason as the API takes it (one line, not blank, bounded); only with --include-personal-data. */
function revealReason(reason: string | undefined, includePersonalData: boolean): string | undefined {
  if (reason === undefined) return undefined;
  if (!includePersonalData) throw new CliError('--reason goes with --include-personal-data: nothing else is recorded');
  if (
    !/\S/.test(reason) ||
    /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(reason) ||
    reason.length > MAX_REVEAL_REASON_LENGTH
  )
    throw new CliError(`--reason must be one line of 1 to ${MAX_REVEAL_REASON_LENGTH} characters`);
  return reason;
}
