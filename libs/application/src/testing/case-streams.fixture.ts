import { randomUUID } from 'node:crypto';
import { applicationDecider, applicationStreamName, type ApplicationCommand, type ApplicationEvent } from '@app/domain';
import type { EventStore, EventToAppend } from '@app/event-store';
import type { Role } from '@app/kernel';
import { approve, assignIntakeNumber, enrolBiometrics, issueBil, issueWorkPermit, submit } from '@app/testing';
import { envelope } from '../pipeline/event-envelope';

type Step = Readonly<{ command: ApplicationCommand; role: Role; actor: string; now: string }>;

/** The life of one principal, from receipt to permit: six commands, six events. */
function lifeOf(applicationId: string, index: number): Step[] {
  const passport = `P${String(index).padStart(8, '0')}`;
  return [
    {
      command: submit({ applicant: { passport: { number: passport } } }, { applicationId }),
      role: 'intake',
      actor: 'intake-portal',
      now: '2024-05-02T14:03:00.000Z',
    },
    {
      command: assignIntakeNumber({ number: index + 1 }),
      role: 'system',
      actor: 'intake-numbering',
      now: '2024-05-02T14:03:01.000Z',
    },
    { command: issueBil(), role: 'system', actor: 'bil-timer', now: '2024-05-03T14:03:00.000Z' },
    { command: enrolBiometrics(), role: 'intake', actor: 'biometrics-collection', now: '2024-05-10T10:00:00.000Z' },
    { command: approve(), role: 'officer', actor: 'officer-17', now: '2024-06-03T15:00:00.000Z' },
    { command: issueWorkPermit(), role: 'officer', actor: 'officer-17', now: '2024-06-05T15:00:00.000Z' },
  ];
}

/** The hash-chained events of one application's whole life, as the command pipeline would store them. */
export function caseStream(applicationId: string, index: number, steps = 6): EventToAppend[] {
  const stream = applicationStreamName(applicationId);
  let state = applicationDecider.initialState();
  const stored: EventToAppend[] = [];
  for (const step of lifeOf(applicationId, index).slice(0, steps)) {
    const decided: readonly ApplicationEvent[] = applicationDecider.decide(step.command, state);
    const context = {
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: 'fixture',
      actor: { id: step.actor, role: step.role },
      now: step.now,
    };
    const previousHash = (stored.at(-1)?.metadata.hash as string | undefined) ?? null;
    stored.push(
      ...envelope(stream, decided, step.command.type, context, { firstRevision: stored.length, previousHash }),
    );
    state = decided.reduce(applicationDecider.evolve, state);
  }
  return stored;
}

/** Appends `count` applications' whole lives; returns their ids. */
export async function appendCases(store: EventStore, count: number, steps = 6): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = randomUUID();
    await store.appendToStream(applicationStreamName(id), caseStream(id, index, steps), {
      expectedRevision: 'no-stream',
    });
    ids.push(id);
  }
  return ids;
}
