/**
 * An integration in a few lines, on the typed client (`@app/client`, generated from the OpenAPI
 * document): submit an application, follow the change feed (GET /v1/feed, long-polling) until the
 * biometric instruction letter (BIL, RULES.md B1) is issued for it, and print that letter.
 *
 *   CASE_LEDGER_URL=http://127.0.0.1:3000 CASE_LEDGER_API_KEY=<an intake key> \
 *     node -r ./scripts/swc-register.js docs/examples/follow-application-to-bil.ts
 *
 * Optional: FEED_AFTER (the feed position to start after, as a real integration keeps its cursor;
 * 0 reads from the beginning) and TIMEOUT_SECONDS (default 180). The body is
 * docs/examples/submit-application.json: an online application received long ago with its
 * biometric fee paid, so the automatic letter is due and comes at the server's next scheduler tick
 * (SCHEDULER_TICK_MS, one minute by default). Exits 0 once the letter is printed, 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCaseLedgerClient,
  idempotent,
  newIdempotencyKey,
  type CaseLedgerClient,
  type CaseLedgerSchemas,
} from '@app/client';

type Submission = CaseLedgerSchemas['SubmitApplicationDto'];
type ApplicationView = CaseLedgerSchemas['ApplicationViewDto'];
type FeedItem = CaseLedgerSchemas['FeedItemDto'];

/** The event type the case appends when a BIL is issued, automatically (B1) or by an officer (B4). */
export const LETTER_ISSUED = 'BiometricInstructionLetterIssued';
const LONG_POLL_SECONDS = 30;
const PAGE_LIMIT = 1000;

/**
 * Submits once under one Idempotency-Key, and again with the same key if the answer was lost:
 * the server then answers the original 201 instead of appending a second application.
 */
export async function submitApplication(client: CaseLedgerClient, body: Submission): Promise<ApplicationView> {
  const headers = idempotent(newIdempotencyKey());
  for (let attempt = 1; ; attempt++) {
    try {
      const { data, error, response } = await client.POST('/v1/applications', { body, headers });
      if (data) return data;
      throw new Error(`POST /v1/applications answered ${response.status}: ${JSON.stringify(error)}`);
    } catch (failure) {
      const lostAnswer = failure instanceof TypeError; // fetch's network failure, not an HTTP answer
      if (!lostAnswer || attempt === 3) throw failure;
    }
  }
}

/** The letter as the feed carries it: the BiometricInstructionLetterIssued event's data (B1, B2). */
export type Letter = Readonly<{ issuedAt: string; dueBy: string; automatic: boolean }>;
export type LetterIssued = Readonly<{ event: FeedItem; letter: Letter }>;

/**
 * Reads the feed after `after` in log order, waiting on the server (waitSeconds) when it is
 * caught up, until the letter issued for `applicationId` appears. Every event before it is
 * skipped: a real integration would handle each one and store `nextAfter` as its cursor. The
 * letter is read from the event itself: GET /v1/applications/{id} may show it a moment later,
 * once the read model has caught up with the log.
 */
export async function followFeedUntilLetterIssued(
  client: CaseLedgerClient,
  applicationId: string,
  options: Readonly<{ after: number; deadline: number }>,
): Promise<LetterIssued> {
  for (let after = options.after; Date.now() < options.deadline;) {
    const waitSeconds = Math.max(0, Math.min(LONG_POLL_SECONDS, Math.floor((options.deadline - Date.now()) / 1000)));
    const { data, error, response } = await client.GET('/v1/feed', {
      params: { query: { after, limit: PAGE_LIMIT, waitSeconds } },
    });
    if (!data) throw new Error(`GET /v1/feed answered ${response.status}: ${JSON.stringify(error)}`);
    const event = data.events.find((item) => item.applicationId === applicationId && item.type === LETTER_ISSUED);
    if (event) return { event, letter: event.data as Letter };
    after = data.nextAfter;
  }
  throw new Error(
    `No ${LETTER_ISSUED} for ${applicationId} before the deadline: the automatic letter (B1) comes 24 h after ` +
      'receipt at the next scheduler tick, unless the application is exempt, over the cap, withdrawn or decided.',
  );
}

function setting(name: string, fallback?: string): string {
  const value = process.env[name]?.trim() || fallback;
  if (value === undefined) throw new Error(`${name} is not set (see the comment at the top of this file)`);
  return value;
}

async function main(): Promise<void> {
  const client = createCaseLedgerClient({
    baseUrl: setting('CASE_LEDGER_URL', 'http://127.0.0.1:3000'),
    apiKey: setting('CASE_LEDGER_API_KEY'),
  });
  const deadline = Date.now() + Number(setting('TIMEOUT_SECONDS', '180')) * 1000;
  const body = JSON.parse(readFileSync(join(__dirname, 'submit-application.json'), 'utf8')) as Submission;

  const submitted = await submitApplication(client, body);
  const intake = submitted.intake ? `intake ${submitted.intake.year} #${submitted.intake.number}` : 'no intake number';
  console.log(`submitted application ${submitted.id} (status ${submitted.status}, ${intake})`);
  if (!submitted.biometrics.required) {
    throw new Error(`no letter will come: biometrics are not required (${submitted.biometrics.exemption})`);
  }

  const after = Number(setting('FEED_AFTER', '0'));
  console.log(`following GET /v1/feed after position ${after}…`);
  const { event, letter } = await followFeedUntilLetterIssued(client, submitted.id, { after, deadline });
  console.log(`BIL issued for ${submitted.id}: feed position ${event.position}, revision ${event.revision}`);
  console.log(JSON.stringify({ applicationId: submitted.id, position: event.position, letter }, null, 2));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
