import { maskPersonalValues } from '@app/personal-data';
import { assertNever } from '@app/kernel';
import { asStoredShape } from '../pipeline/stream-loader';
import { isApplicationEventType, type ApplicationEvent, type FeeAmounts } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/** One line of a case's timeline: when it was recorded, who acted, what happened and why. */
export type TimelineEntry = Readonly<{ revision: number; when: string; who: string; what: string; why: string }>;

/** An event as a line of its case's timeline, with the case's personal values masked wherever its text quotes one. */
export function timelineEntry(event: RecordedEvent, caseValues: readonly string[] = []): TimelineEntry {
  const actor = event.metadata.actor as { id?: string; role?: string } | undefined;
  const { what, why } = isApplicationEventType(event.type)
    ? describe(asStoredShape<ApplicationEvent>(event))
    : { what: event.type, why: '' };
  return {
    revision: event.revision,
    when: typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : event.recordedAt,
    who: actor?.id ? `${actor.id} (${actor.role ?? '?'})` : 'unknown',
    what: maskPersonalValues(what, caseValues),
    why: maskPersonalValues(why, caseValues),
  };
}

const money = (fees: FeeAmounts): string => {
  const total = Object.values(fees).reduce((sum, amount) => sum + (amount ?? 0), 0);
  return total > 0 ? `CAD ${total.toFixed(2)}` : 'nothing';
};

/** No personal data here: only the facts an audit trail needs (rule ids, dates, outcomes). */
function describe(event: ApplicationEvent): Readonly<{ what: string; why: string }> {
  switch (event.type) {
    case 'ApplicationReceived': {
      const failed = event.data.screening
        .filter((finding) => finding.outcome === 'failed')
        .map((finding) => finding.rule);
      return {
        what: `Application received (${event.data.submission.applicantType}, ${event.data.submission.channel}, ${event.data.submission.form})`,
        why:
          failed.length > 0
            ? `screening failed: ${failed.join(', ')}`
            : 'screening: every rule passed or not applicable',
      };
    }
    case 'IntakeNumberAssigned':
      return {
        what: `Intake number ${event.data.number} of ${event.data.year}`,
        why: `C3 order of recording; cap ${event.data.cap}, ${event.data.withinCap ? 'within' : 'over'} it`,
      };
    case 'ApplicationCancelledOverCap':
      return {
        what: `Cancelled over the cap, refunded ${money(event.data.refunds)}`,
        why: `C4: number ${event.data.number} > cap ${event.data.cap}`,
      };
    case 'ApplicationReturnedOverCap':
      return {
        what: `Returned over the cap, refunded ${money(event.data.refunds)}`,
        why: `C4: number ${event.data.number} > cap ${event.data.cap}`,
      };
    case 'BiometricInstructionLetterIssued':
      return {
        what: `Biometric instruction letter issued, due ${event.data.dueBy}`,
        why: event.data.automatic ? 'B1: automatic, 24 h after receipt' : 'issued by an officer',
      };
    case 'BiometricInstructionLetterCancelled':
      return {
        what: `Biometric instruction letter cancelled${event.data.wasIssued ? '' : ' before it was sent'}`,
        why: event.data.reason === 'over-cap' ? 'C5: over-cap' : 'M7: closed with the principal',
      };
    case 'BiometricsEnrolled':
      return {
        what: `Biometrics enrolled at ${event.data.location}`,
        why: event.data.late ? 'B2: after the due date' : 'within the letter’s deadline',
      };
    case 'ApplicationApproved': {
      const overrides = event.data.overrides.map((override) => `override ${override.rule}: ${override.justification}`);
      return { what: `Approved by ${event.data.officerId}`, why: [event.data.notes, ...overrides].join('; ') };
    }
    case 'ApplicationRefused':
      return {
        what: `Refused by ${event.data.officerId}`,
        why: event.data.reasons
          .map((reason) => `${reason.ground}${reason.rule ? ` (${reason.rule})` : ''}: ${reason.explanation}`)
          .join('; '),
      };
    case 'ApplicationWithdrawn':
      return { what: `Withdrawn, refunded ${money(event.data.refunds)}`, why: event.data.reason ?? 'no reason given' };
    case 'WorkPermitIssued':
      return {
        what: `Work permit issued (${event.data.permit.exemptionCode}), valid ${event.data.permit.issuedOn} to ${event.data.permit.validTo}`,
        why: 'approved, medical conditions met',
      };
    case 'ExtensionRequested':
      return {
        what: `Extension requested on ${event.data.requestedOn}`,
        why: `X2: PR application with AOR of ${event.data.prApplication.aorReceivedOn}`,
      };
    case 'ExtensionApproved':
      return {
        what: `Extension approved, valid to ${event.data.validTo}`,
        why: `${event.data.months} months from ${event.data.previousValidTo}`,
      };
    case 'ExtensionRefused':
      return { what: 'Extension refused', why: event.data.reasons.join('; ') };
    case 'IntakeCapReached':
      return {
        what: `Intake cap of ${event.data.year} reached (${event.data.cap} within the cap)`,
        why: `H5: this application took number ${event.data.cap}, received ${event.data.reachedAt}`,
      };
    case 'PossibleDuplicateFlagged':
      return {
        what: `Possible duplicate of ${event.data.duplicateOfApplicationId}`,
        why: `C6: shares a ${event.data.key.split(':')[0]} key; both still count`,
      };
    case 'ApplicationClosedWithPrincipal':
      return {
        what: `Closed as ${event.data.principalOutcome} with the principal's application, refunded ${money(event.data.refunds)}`,
        why: `M7: follows ${event.data.principalApplicationId}; C4 refunds`,
      };
    case 'MedicalResultRecorded':
      return {
        what: `Medical result ${event.data.result} of the exam on ${event.data.examinedOn} recorded by ${event.data.officerId}`,
        why: event.data.surveillance
          ? `I4: surveillance ${event.data.surveillance}`
          : 'I4: recorded before the decision',
      };
    case 'InformationRequested':
      return {
        what: `${event.data.kind === 'procedural-fairness' ? 'Procedural-fairness letter' : 'Request for information'} ${event.data.requestId} sent by ${event.data.officerId}, due ${event.data.dueOn} (${event.data.items.length} item(s))`,
        why: `${event.data.kind === 'procedural-fairness' ? 'H3, R6' : 'H2'}: ${event.data.concern}`,
      };
    case 'InformationReceived':
      return {
        what: `Response to request ${event.data.requestId} received (${event.data.documents.length} document(s))`,
        why: 'H2: recorded by intake',
      };
    case 'InformationRequestOverdue':
      return {
        what: `Request ${event.data.requestId} overdue`,
        why: 'H2: unanswered at the end of its due date (Eastern)',
      };
    case 'WorkPermitCancelled':
      return {
        what: `Work permit of ${event.data.issuedOn} cancelled on ${event.data.cancelledOn}`,
        why: event.data.reason,
      };
    case 'DecisionSetAside':
      return {
        what: `Decision (${event.data.previous.outcome} by ${event.data.previous.officerId}) set aside by ${event.data.court}, ${event.data.docket}, on ${event.data.decidedOn}`,
        why: `R7: ${event.data.reason}`,
      };
    case 'CaseNoteAdded':
      return {
        what: `Note ${event.data.noteId} added by ${event.data.officerId}${event.data.corrects ? `, correcting note ${event.data.corrects}` : ''}`,
        why: `H1: ${event.data.text}`,
      };
    case 'ApplicantDetailsCorrected': {
      const failed = event.data.screening.filter((finding) => finding.outcome === 'failed').map(({ rule }) => rule);
      const screened = failed.length > 0 ? `failed ${failed.join(', ')}` : 'every rule passed or not applicable';
      return {
        what: `${event.data.field} corrected by ${event.data.officerId}`,
        why: `H4: ${event.data.reason} (screened again: ${screened})`,
      };
    }
    default:
      return assertNever(event, 'application event');
  }
}
