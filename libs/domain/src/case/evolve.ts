import { assertNever } from '@app/kernel';
import { addAmounts } from '../fees/fee-amounts';
import type {
  ApplicationClosedWithPrincipal,
  ApplicationEvent,
  ApplicationReceived,
  ExtensionApproved,
  ExtensionRefused,
} from './events';
import { withDecisionSetAside, withPermitCancelled } from './set-aside/set-aside.evolve';
import type { ApplicationState, ExtensionRecord, ReceivedApplication, SubmittedApplication } from './state';

function receivedFrom({ data }: ApplicationReceived): ReceivedApplication {
  return {
    status: 'received',
    applicationId: data.applicationId,
    receivedAt: data.receivedAt,
    receivedOn: data.receivedOn,
    submission: data.submission,
    principal: data.principal,
    screening: data.screening,
    routing: data.routing,
    feesOwed: data.feesOwed,
    refunded: {},
    biometrics: { ...data.biometrics, letter: null, enrolledAt: null, location: null },
    countsAgainstCap: data.countsAgainstCap,
    intakeYear: data.intakeYear,
    intake: null,
    possibleDuplicateOf: null,
    extensions: [],
  };
}

function submitted(state: ApplicationState, event: ApplicationEvent): SubmittedApplication {
  if (state.status === 'new') throw new Error(`${event.type} before ApplicationReceived`);
  return state;
}

function decideExtension(
  extensions: readonly ExtensionRecord[],
  event: ExtensionApproved | ExtensionRefused,
): readonly ExtensionRecord[] {
  return extensions.map((extension) => {
    if (extension.id !== event.data.extensionId) return extension;
    return event.type === 'ExtensionApproved'
      ? {
          ...extension,
          status: 'approved',
          decidedOn: event.data.decidedOn,
          months: event.data.months,
          validTo: event.data.validTo,
        }
      : { ...extension, status: 'refused', decidedOn: event.data.decidedOn, reasons: event.data.reasons };
  });
}

/** M7: the member takes its principal's closing status; a withdrawal names the principal as its reason. */
function closedWithPrincipal(
  current: SubmittedApplication,
  { data }: ApplicationClosedWithPrincipal,
): ApplicationState {
  const refunded = addAmounts(current.refunded, data.refunds);
  if (data.principalOutcome === 'withdrawn') {
    const withdrawalReason = `M7: closed with the principal's application ${data.principalApplicationId}`;
    return { ...current, status: 'withdrawn', withdrawnAt: data.closedAt, withdrawalReason, refunded };
  }
  return { ...current, status: data.principalOutcome, closedAt: data.closedAt, refunded };
}

/** Folds one event into the state. Events are facts: evolve never refuses one, it only records it. */
export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (event.type === 'ApplicationReceived') return receivedFrom(event);
  const current = submitted(state, event);
  switch (event.type) {
    case 'IntakeNumberAssigned':
      return { ...current, intake: event.data };
    case 'ApplicationCancelledOverCap': {
      const refunded = addAmounts(current.refunded, event.data.refunds);
      return { ...current, status: 'cancelled-over-cap', closedAt: event.data.cancelledAt, refunded };
    }
    case 'ApplicationReturnedOverCap': {
      const refunded = addAmounts(current.refunded, event.data.refunds);
      return { ...current, status: 'returned-over-cap', closedAt: event.data.returnedAt, refunded };
    }
    case 'BiometricInstructionLetterIssued': {
      const { issuedAt, dueBy, automatic } = event.data;
      return {
        ...current,
        biometrics: { ...current.biometrics, letter: { issuedAt, dueBy, automatic, cancelledAt: null } },
      };
    }
    case 'BiometricInstructionLetterCancelled': {
      const letter = current.biometrics.letter ?? { issuedAt: null, dueBy: null, automatic: true, cancelledAt: null };
      return {
        ...current,
        biometrics: { ...current.biometrics, letter: { ...letter, cancelledAt: event.data.cancelledAt } },
      };
    }
    case 'BiometricsEnrolled':
      return {
        ...current,
        biometrics: { ...current.biometrics, enrolledAt: event.data.enrolledAt, location: event.data.location },
      };
    case 'ApplicationApproved':
      return { ...current, status: 'approved', decision: { outcome: 'approved', ...event.data } };
    case 'ApplicationRefused':
      return { ...current, status: 'refused', decision: { outcome: 'refused', ...event.data } };
    case 'ApplicationWithdrawn':
      return {
        ...current,
        status: 'withdrawn',
        withdrawnAt: event.data.withdrawnAt,
        withdrawalReason: event.data.reason,
        refunded: addAmounts(current.refunded, event.data.refunds),
      };
    case 'WorkPermitIssued':
      if (current.status !== 'approved') throw new Error(`WorkPermitIssued on a ${current.status} application`);
      return { ...current, status: 'permit-issued', permit: event.data.permit };
    case 'ExtensionRequested': {
      const { extensionId, requestedOn, prApplication, passportExpiresOn } = event.data;
      const record: ExtensionRecord = {
        id: extensionId,
        requestedOn,
        prApplication,
        passportExpiresOn,
        status: 'requested',
        decidedOn: null,
        months: null,
        validTo: null,
        reasons: [],
      };
      return { ...current, extensions: [...current.extensions, record] };
    }
    case 'ExtensionApproved':
    case 'ExtensionRefused':
      return { ...current, extensions: decideExtension(current.extensions, event) };
    case 'PossibleDuplicateFlagged':
      return {
        ...current,
        possibleDuplicateOf: { applicationId: event.data.duplicateOfApplicationId, key: event.data.key },
      };
    case 'ApplicationClosedWithPrincipal':
      return closedWithPrincipal(current, event);
    case 'MedicalResultRecorded': {
      const { result, examinedOn, surveillance, recordedAt } = event.data;
      return { ...current, medical: { result, examinedOn, surveillance, recordedAt } };
    }
    case 'WorkPermitCancelled':
      return withPermitCancelled(current, event);
    case 'DecisionSetAside':
      return withDecisionSetAside(current, event);
    default:
      return assertNever(event, 'application event');
  }
}
