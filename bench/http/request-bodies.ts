import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './service-process';

const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'docs/examples/submit-application.json'), 'utf8')) as Record<
  string,
  unknown
>;

/**
 * The README's example submission with an id, passport and CSQ of its own (so the duplicate check,
 * C6, finds nothing), received on `receivedAt` with a letter inside the program window (P1, P2).
 */
export function distinctSubmission(
  receivedAt = String(EXAMPLE.receivedAt),
): Record<string, unknown> & { applicationId: string } {
  const applicationId = randomUUID();
  const unique = applicationId.slice(0, 8).toUpperCase();
  const applicant = EXAMPLE.applicant as Record<string, unknown>;
  const received = Date.parse(receivedAt);
  const day = (offset: number) => new Date(received + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    ...EXAMPLE,
    applicationId,
    receivedAt,
    applicant: { ...applicant, passport: { ...(applicant.passport as object), number: `P${unique}` } },
    csq: { ...(EXAMPLE.csq as object), number: `CSQ-${unique}` },
    invitationLetter: { number: `MIFI-A76-${unique}`, issuedOn: day(-30), receivedOn: day(-28) },
  };
}

/** Today in Eastern time (the domain's calendar, T1), for permit and extension dates. */
export const easternToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());

export const MEDICAL_CLEARED = { examCompleted: true, designatedCountry: false };
export const PR_APPLICATION = { number: 'E001234567', submittedOn: '2024-06-01', aorReceivedOn: '2024-07-02' };
