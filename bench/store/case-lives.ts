import { randomUUID } from 'node:crypto';
import {
  applicationDecider,
  applicationStreamName,
  capForYear,
  principalSnapshotOf,
  type ApplicationCommand,
  type ApplicationState,
} from '@app/domain';
import { envelope, type CommandContext } from '@app/application';
import type { EventToAppend, ExpectedRevision } from '@app/event-store';
import { BIL_TIMER, INTAKE_NUMBERING, overCapContext, systemContext } from '@app/processes';
import type { Role } from '@app/kernel';
import { approve, enrolBiometrics, familySubmission, issueWorkPermit, submit } from '@app/testing';

/** One append of a generated case: what the command pipeline would have written, hash chain included. */
export type PlannedAppend = Readonly<{ stream: string; events: EventToAppend[]; expectedRevision: ExpectedRevision }>;

/**
 * A principal's case in its receipt year: `number` is its place in the year's intake order (C3);
 * `unique` makes its passport, CSQ and letter numbers its own (C6 finds no duplicate).
 */
export type CaseSeed = Readonly<{ year: number; number: number; receivedAt: string; unique: string }>;

const DAY_MS = 86_400_000;
const plus = (instant: string, days: number): string => new Date(Date.parse(instant) + days * DAY_MS).toISOString();
const dateOf = (instant: string): string => instant.slice(0, 10);

/**
 * A stream decided command by command with the real decider and sealed with `envelope`, exactly as
 * the pipeline seals it (deterministic event ids, actor, previousHash and hash), so the service's
 * processes recognise their own command ids and `verify` accepts every chain.
 */
class DecidedStream {
  private state: ApplicationState = applicationDecider.initialState();
  private readonly sealed: EventToAppend[] = [];
  readonly appends: PlannedAppend[] = [];

  constructor(readonly applicationId: string) {}

  get stream(): string {
    return applicationStreamName(this.applicationId);
  }

  get current(): ApplicationState {
    return this.state;
  }

  get last(): EventToAppend {
    return this.sealed[this.sealed.length - 1];
  }

  run(command: ApplicationCommand, context: CommandContext): this {
    const decided = applicationDecider.decide(command, this.state);
    if (decided.length === 0)
      throw new Error(
        `${command.type} on ${this.stream} decided nothing: the generated case is not what the service would store`,
      );
    const expectedRevision = this.sealed.length === 0 ? 'no-stream' : this.sealed.length - 1;
    const events = envelope(this.stream, decided, command.type, context, {
      firstRevision: this.sealed.length,
      previousHash: (this.sealed.at(-1)?.metadata.hash as string | undefined) ?? null,
    });
    this.sealed.push(...events);
    this.appends.push({ stream: this.stream, events, expectedRevision });
    this.state = decided.reduce(applicationDecider.evolve, this.state);
    return this;
  }
}

function humanContext(actor: string, role: Role, now: string): CommandContext {
  return {
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: actor, role },
    now,
  };
}

/** The principal's submission: a passport and CSQ of its own (C6 finds no duplicate), letter inside the window (P1, P2). */
function principalSubmit(id: string, seed: CaseSeed): ApplicationCommand {
  const letterIssuedOn = dateOf(plus(seed.receivedAt, -30));
  const unique = seed.unique;
  return submit(
    {
      applicant: { passport: { number: `P${unique}` } },
      csq: { number: `CSQ-${unique}`, issuedOn: dateOf(plus(seed.receivedAt, -120)) },
      invitationLetter: {
        number: `MIFI-A76-${unique}`,
        issuedOn: letterIssuedOn,
        receivedOn: dateOf(plus(seed.receivedAt, -28)),
      },
    },
    { applicationId: id, receivedAt: seed.receivedAt },
  );
}

/** Submit, intake number, and either the whole life to a permit (within the cap) or the over-cap cancellation (C4, C5). */
function principalLife(seed: CaseSeed): DecidedStream {
  const life = new DecidedStream(randomUUID());
  const id = life.applicationId;
  const cap = capForYear(seed.year);
  if (cap === null) throw new Error(`No intake cap for ${seed.year}: the generator only uses years of the cap table`);
  life.run(principalSubmit(id, seed), humanContext('intake-portal', 'intake', seed.receivedAt));
  const numberedAt = plus(seed.receivedAt, 1 / 86_400);
  const receipt = life.last;
  life.run(
    { type: 'AssignIntakeNumber', data: { year: seed.year, number: seed.number, cap } },
    systemContext(INTAKE_NUMBERING, `number:${id}`, receipt, numberedAt),
  );
  if (seed.number > cap)
    return life.run({ type: 'HandleOverCap', data: { at: numberedAt } }, overCapContext(id, receipt, numberedAt));
  const letterAt = plus(seed.receivedAt, 1);
  life.run(
    { type: 'IssueBiometricInstructionLetter', data: { issuedAt: letterAt, automatic: true } },
    systemContext(BIL_TIMER, `automatic-bil:${id}`, life.last, letterAt),
  );
  const enrolledAt = plus(seed.receivedAt, 8);
  life.run(enrolBiometrics({ enrolledAt }), humanContext('biometrics-collection', 'intake', plus(enrolledAt, 0.1)));
  const decidedAt = plus(seed.receivedAt, 30);
  life.run(approve({ decidedAt, officerId: 'officer-17' }), humanContext('officer-17', 'officer', decidedAt));
  const issuedAt = plus(seed.receivedAt, 32);
  return life.run(issueWorkPermit({ issuedOn: dateOf(issuedAt) }), humanContext('officer-17', 'officer', issuedAt));
}

/** The spouse of a principal holding a permit: receipt (M1, M3), automatic BIL, biometrics, approval, permit bounded by the principal's (M2). */
function spouseLife(principal: DecidedStream, seed: CaseSeed, permitIssuedAt: string): DecidedStream {
  const snapshot = principalSnapshotOf(principal.current);
  if (snapshot === null || snapshot.status !== 'permit-issued')
    throw new Error(`Principal ${principal.applicationId} has no permit for its spouse to follow`);
  const life = new DecidedStream(randomUUID());
  const id = life.applicationId;
  const receivedAt = plus(permitIssuedAt, 10);
  const filed = familySubmission({
    principalApplicationId: principal.applicationId,
    applicant: { passport: { number: `S${seed.unique}` } },
  });
  life.run(
    { type: 'SubmitApplication', data: { applicationId: id, receivedAt, submission: filed, principal: snapshot } },
    humanContext('intake-portal', 'intake', receivedAt),
  );
  const letterAt = plus(receivedAt, 1);
  life.run(
    { type: 'IssueBiometricInstructionLetter', data: { issuedAt: letterAt, automatic: true } },
    systemContext(BIL_TIMER, `automatic-bil:${id}`, life.last, letterAt),
  );
  const enrolledAt = plus(receivedAt, 8);
  life.run(enrolBiometrics({ enrolledAt }), humanContext('biometrics-collection', 'intake', plus(enrolledAt, 0.1)));
  const decidedAt = plus(receivedAt, 20);
  life.run(
    approve({ decidedAt, officerId: 'officer-17', principal: snapshot }),
    humanContext('officer-17', 'officer', decidedAt),
  );
  const issuedAt = plus(receivedAt, 22);
  const permit = issueWorkPermit({ issuedOn: dateOf(issuedAt) });
  return life.run(
    { ...permit, data: { ...permit.data, principal: principalSnapshotOf(principal.current) } },
    humanContext('officer-17', 'officer', issuedAt),
  );
}

/**
 * A family's appends in the order they happen: the principal's life, then (within the cap) its
 * spouse's. Over-cap principals have no spouse: their case closes before any permit.
 */
export function decideFamily(
  seed: CaseSeed,
  withSpouse: boolean,
): Readonly<{ applicationIds: string[]; appends: PlannedAppend[] }> {
  const principal = principalLife(seed);
  const cap = capForYear(seed.year) ?? 0;
  if (!withSpouse || seed.number > cap)
    return { applicationIds: [principal.applicationId], appends: principal.appends };
  const spouse = spouseLife(principal, seed, plus(seed.receivedAt, 32));
  return {
    applicationIds: [principal.applicationId, spouse.applicationId],
    appends: [...principal.appends, ...spouse.appends],
  };
}
