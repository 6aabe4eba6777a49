import type { Command } from 'commander';
import { withSource, type CliContext } from '../cli-context';
import { ProgressBar } from '../render/progress-bar';
import { CliError, type ApplicationVerification, type AuditSource } from '../sources/audit-source';

type Verdict = Readonly<{ id: string; verification: ApplicationVerification | null; problem?: string }>;

function describeVerdict({ id, verification, problem }: Verdict): string {
  if (!verification) return `✗ ${id}: cannot be verified: ${problem}`;
  const { chain, signedHead } = verification;
  const signed = signedHead
    ? `signed head ${signedHead.status}${signedHead.signedRevision !== undefined ? ` at revision ${signedHead.signedRevision}` : ''}${signedHead.digestId !== undefined ? ` (digest ${signedHead.digestId}, key ${signedHead.keyId})` : ''}`
    : 'no signed head reported';
  if (verification.valid) return `✓ ${id}: valid, ${verification.checkedEvents} events, chain intact, ${signed}`;
  const chainText = chain
    ? chain.valid
      ? 'chain intact'
      : `chain broken at revision ${chain.firstBrokenRevision}`
    : 'chain broken';
  return `✗ ${id}: BROKEN from revision ${verification.firstBrokenRevision}; ${chainText}; ${signed}${signedHead?.detail ? `: ${signedHead.detail}` : ''}`;
}

async function verdictOf(source: AuditSource, id: string): Promise<Verdict> {
  try {
    return { id, verification: await source.verify(id) };
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 1) return { id, verification: null, problem: error.message };
    throw error;
  }
}

async function verifyAll(source: AuditSource, context: CliContext): Promise<Verdict[]> {
  const ids = await source.applicationIds();
  const bar = new ProgressBar(context.err, 'verifying');
  const verdicts: Verdict[] = [];
  bar.update(0, ids.length);
  for (const id of ids) {
    verdicts.push(await verdictOf(source, id));
    bar.update(
      verdicts.length,
      ids.length,
      `${verdicts.filter((verdict) => !verdict.verification?.valid).length} broken`,
    );
  }
  bar.finish();
  return verdicts;
}

export function verifyCommand(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('check hash chains and signed digests; exit code 1 when anything was altered')
    .argument('[id]', 'application id')
    .option('--all', 'every application, with a progress bar on stderr')
    .option('--json', 'the verification results as JSON')
    .action(async (id: string | undefined, options: { all?: boolean; json?: boolean }, command: Command) => {
      if (!id === !options.all) throw new CliError('verify needs an application id or --all (not both)');
      const verdicts = await withSource(command, context, async (source) =>
        options.all ? verifyAll(source, context) : [await verdictOf(source, id as string)],
      );
      const broken = verdicts.filter((verdict) => !verdict.verification?.valid);
      if (options.json) context.out.write(`${JSON.stringify(options.all ? verdicts : verdicts[0], null, 2)}\n`);
      else if (options.all) {
        context.out.write(
          `${verdicts.length} applications verified: ${verdicts.length - broken.length} valid, ${broken.length} broken\n`,
        );
        for (const verdict of broken) context.out.write(`${describeVerdict(verdict)}\n`);
      } else context.out.write(`${describeVerdict(verdicts[0])}\n`);
      if (broken.length > 0) process.exitCode = 1;
    });
}
