import { randomUUID } from 'node:crypto';
import {
  applicationDecider,
  applicationStreamName,
  easternDateOf,
  type ApplicationCommand,
  type ApplicationState,
} from '@app/domain';
import { envelope, type CommandContext } from '@app/application';
import { SqliteEventStore, type EventToAppend } from '@app/event-store';
import { BIL_TIMER, INTAKE_NUMBERING, systemContext } from '@app/processes';
import type { Role } from '@app/kernel';
import { approve, enrolBiometrics, issueWorkPermit, refuse, setAsideDecision, submit, withdraw } from '@app/testing';

/** How a generated case ends: the mix of a back office's year. */
export const CASE_ENDINGS = ['permit', 'refused', 'withdrawn', 'set-aside-then-refused', 'pending'] as const;
type CaseEnding = (typeof CASE_ENDINGS)[number];

const DAY_MS = 86_400_000;
const plus = (instant: string, days: number): string => new Date(Date.parse(instant) + days * DAY_MS).toISOString();
const dateOf = (instant: string): string => instant.slice(0, 10);

/** A small deterministic generator (mulberry32), so a failing history can be generated again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const context = (actor: string, role: Role, now: string): CommandContext => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: actor, role },
  now,
});

/** One stream decided command by command by the real decider and sealed as the pipeline seals it. */
class DecidedStream {
  private state: ApplicationState = applicationDecider.initialState();
  readonly events: EventToAppend[] = [];
  readonly id = randomUUID();

  run(command: ApplicationCommand, by: CommandContext): this {
    const decided = applicationDecider.decide(command, this.state);
    this.events.push(
      ...envelope(applicationStreamName(this.id), decided, command.type, by, {
        firstRevision: this.events.length,
        previousHash: (this.events.at(-1)?.metadata.hash as string | undefined) ?? null,
      }),
    );
    this.state = decided.reduce(applicationDecider.evolve, this.state);
    return this;
  }
}

/** A principal received at `receivedAt`, numbered `number` of 2024, with its automatic BIL, then its `ending`. */
function caseLife(number: number, receivedAt: string, ending: CaseEnding, days: () => number): DecidedStream {
  const life = new DecidedStream();
  const unique = String(number).padStart(6, '0');
  const filed = submit(
    {
      applicant: { passport: { number: `H${unique}` } },
      csq: { number: `CSQ-H${unique}`, issuedOn: dateOf(plus(receivedAt, -120)) },
      invitationLetter: {
        number: `MIFI-A76-H${unique}`,
        issuedOn: dateOf(plus(receivedAt, -30)),
        receivedOn: dateOf(plus(receivedAt, -28)),
      },
    },
    { applicationId: life.id, receivedAt },
  );
  life.run(filed, context('intake-portal', 'intake', receivedAt));
  const numberedAt = plus(receivedAt, 1 / 86_400);
  life.run(
    { type: 'AssignIntakeNumber', data: { year: 2024, number, cap: 7_350 } },
    systemContext(INTAKE_NUMBERING, `number:${life.id}`, life.events[0], numberedAt),
  );
  const letterAt = plus(receivedAt, 1);
  life.run(
    { type: 'IssueBiometricInstructionLetter', data: { issuedAt: letterAt, automatic: true } },
    systemContext(BIL_TIMER, `automatic-bil:${life.id}`, life.events.at(-1) ?? null, letterAt),
  );
  if (ending === 'pending') return life;
  if (ending === 'withdrawn') {
    const at = plus(letterAt, days());
    return life.run(withdraw({ requestedAt: at }), context('intake-portal', 'intake', at));
  }
  const enrolledAt = plus(letterAt, 3);
  life.run(enrolBiometrics({ enrolledAt }), context('biometrics', 'intake', enrolledAt));
  const decidedAt = plus(enrolledAt, days());
  const officer = context('officer-17', 'officer', decidedAt);
  if (ending === 'refused') return life.run(refuse({ decidedAt }), officer);
  life.run(approve({ decidedAt }), officer);
  if (ending === 'permit') {
    const issuedOn = dateOf(plus(decidedAt, days() / 10));
    return life.run(issueWorkPermit({ issuedOn }), context('officer-17', 'officer', `${issuedOn}T16:00:00Z`));
  }
  const recordedAt = plus(decidedAt, days());
  life.run(
    setAsideDecision({ decidedOn: easternDateOf(recordedAt), recordedAt }),
    context('admin', 'admin', recordedAt),
  );
  const again = plus(recordedAt, days());
  return life.run(refuse({ decidedAt: again }), context('officer-17', 'officer', again));
}

/**
 * Writes `count` principals' cases received in 2024 (numbered in log order, C3) to a new SQLite
 * store at `file`, each stream in one append, a wave at a time, in receipt order. Receipts fall at
 * any minute of the day, so many are on the previous Eastern date of their UTC date.
 */
export async function writeCaseHistory(file: string, count: number, seed = 17): Promise<void> {
  const next = random(seed);
  const days = () => 1 + Math.floor(next() * 40);
  const start = Date.parse('2024-01-01T05:00:00Z');
  const receipts = Array.from({ length: count }, () => start + Math.floor(next() * 200 * 1440) * 60_000).sort(
    (a, b) => a - b,
  );
  const store = new SqliteEventStore(file);
  try {
    for (let from = 0; from < count; from += 500) {
      const wave = receipts.slice(from, from + 500).map((at, i) => {
        const ending = CASE_ENDINGS[Math.floor(next() * CASE_ENDINGS.length)];
        return caseLife(from + i + 1, new Date(at).toISOString(), ending, days);
      });
      await Promise.all(
        wave.map((life) =>
          store.appendToStream(applicationStreamName(life.id), life.events, { expectedRevision: 'no-stream' }),
        ),
      );
    }
  } finally {
    await store.close();
  }
}
