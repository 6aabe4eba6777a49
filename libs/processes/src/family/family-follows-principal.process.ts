import type Database from 'better-sqlite3';
import { isDomainError } from '@app/kernel';
import {
  APPLICATION_STREAM_CATEGORY,
  commandFollowingPrincipal,
  isApplicationEventType,
  principalOutcomeOf,
  type ApplicationEvent,
  type ApplicationReceived,
} from '@app/domain';
import { asStoredShape } from '@app/application';
import type { RecordedEvent } from '@app/event-store';
import { PoisonEventError, type CatchUpHandler, type ReactionCause } from '@app/projections';
import { asPoisonEvent } from '../process-failures';
import { systemContext, type ApplicationDispatch } from '../system-dispatch';
import { FamilyIndex, type FamilyMember, type RecordedOutcome, type Reopened } from './family-index';

export const FAMILY_FOLLOWS_PRINCIPAL = 'family-follows-principal';
const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;

/**
 * M7: follows a principal's fate into its family members' open applications. A principal refused →
 * each open member refused on R200(1)(c)(ii) naming that refusal; cancelled or returned over the
 * cap, or withdrawn [INF] → each open member closed the same way and refunded as C4 says. Either
 * order works: a principal's outcome reaches the members already indexed, and a member received
 * after its principal's outcome follows it at once (until a set-aside re-opens the principal, R7).
 * Every command is caused by the principal's event, in its correlation, under the id
 * `follow-principal:<memberId>`, so a replay or a second worker appends it once, and a member follows
 * once: after a set-aside of its own M7 refusal (R7) an officer takes the new decision. A member already
 * refused, closed or holding its permit keeps its own outcome (R2); one approved on an approval that
 * no longer stands (M7_MEMBER_APPROVED) is parked for an operator once the batch is committed, the
 * other members followed all the same.
 */
export function familyFollowsPrincipalHandler(
  db: Database.Database,
  dispatch: ApplicationDispatch,
  now: () => string,
): CatchUpHandler {
  let index: FamilyIndex;
  return {
    name: FAMILY_FOLLOWS_PRINCIPAL,
    open() {
      index = new FamilyIndex(db, FAMILY_FOLLOWS_PRINCIPAL);
      return index.checkpoint();
    },
    reactsTo: mayFollow,
    handle: (batch) => followAndIndex(batch),
    /** The index keeps the latest outcome and the checkpoint only moves forward: an event handled late is handled as in order. */
    async retry(event) {
      const [stillBlocked] = await followAndIndex([event]);
      if (stillBlocked) throw stillBlocked;
    },
  };

  async function followAndIndex(batch: readonly RecordedEvent[]): Promise<PoisonEventError[]> {
    const seen = index.batch();
    const blocked: PoisonEventError[] = [];
    for (const event of batch) {
      try {
        const member = memberReceipt(event);
        if (member) {
          seen.addMember(member);
          const outcome = seen.outcomeOf(member.principalId);
          if (outcome) await follow(member, outcome);
        }
        const outcome = recordedOutcome(event);
        if (outcome) seen.setOutcome(outcome);
        if (outcome && outcome.outcome !== 'reopened') {
          const approved = await followAll(seen.membersOf(outcome.principalApplicationId), outcome);
          if (approved.length > 0)
            blocked.push(new PoisonEventError(event, `M7_MEMBER_APPROVED: ${approved.join('; ')}`));
        }
      } catch (error) {
        throw asPoisonEvent(error, event);
      }
    }
    seen.commit(batch[batch.length - 1].position, now());
    return blocked;
  }

  /** M7_MEMBER_APPROVED of one member does not stop the others from following: it names the members it blocked. */
  async function followAll(members: readonly FamilyMember[], outcome: RecordedOutcome): Promise<string[]> {
    const approved: string[] = [];
    for (const member of members) {
      try {
        await follow(member, outcome);
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'M7_MEMBER_APPROVED') throw error;
        approved.push(`${member.memberId} ${error.message}`);
      }
    }
    return approved;
  }

  /** A refusal of kind `conflict` means the member was already refused, closed or issued its permit: its own outcome stands (R2). */
  async function follow(member: FamilyMember, outcome: RecordedOutcome): Promise<void> {
    const command = commandFollowingPrincipal(outcome, member.receivedAt, FAMILY_FOLLOWS_PRINCIPAL);
    const context = systemContext(
      FAMILY_FOLLOWS_PRINCIPAL,
      `follow-principal:${member.memberId}`,
      outcome.cause,
      now(),
    );
    try {
      await dispatch(member.memberId, command, context);
    } catch (error) {
      if (!isDomainError(error) || error.kind !== 'conflict') throw error;
    }
  }
}

function applicationEvent(event: RecordedEvent): { applicationId: string; event: ApplicationEvent } | null {
  if (!event.streamName.startsWith(STREAM_PREFIX) || !isApplicationEventType(event.type)) return null;
  return { applicationId: event.streamName.slice(STREAM_PREFIX.length), event: asStoredShape<ApplicationEvent>(event) };
}

/**
 * Whether handling the event may make a member follow its principal: a member's receipt or an
 * outcome a principal's family follows (an event it cannot read is taken to).
 */
function mayFollow(event: ReactionCause): boolean {
  if (!event.streamName.startsWith(STREAM_PREFIX) || !isApplicationEventType(event.type)) return false;
  try {
    if (event.type === 'ApplicationReceived')
      return (event.data as ApplicationReceived['data']).submission.applicantType !== 'principal';
    const applicationId = event.streamName.slice(STREAM_PREFIX.length);
    return principalOutcomeOf(applicationId, { type: event.type, data: event.data } as ApplicationEvent) !== null;
  } catch {
    return true;
  }
}

/** M7: a spouse's or dependent child's receipt, naming its principal. */
function memberReceipt(recorded: RecordedEvent): FamilyMember | null {
  const found = applicationEvent(recorded);
  if (found?.event.type !== 'ApplicationReceived') return null;
  const { applicationId, receivedAt, submission } = found.event.data;
  const principalId = submission.principalApplicationId ?? null;
  if (submission.applicantType === 'principal' || principalId === null) return null;
  return { memberId: applicationId, principalId, receivedAt, position: recorded.position };
}

function recordedOutcome(recorded: RecordedEvent): RecordedOutcome | Reopened | null {
  const found = applicationEvent(recorded);
  const outcome = found && principalOutcomeOf(found.applicationId, found.event);
  if (!found || !outcome) return null;
  if (outcome === 'reopened')
    return { principalApplicationId: found.applicationId, outcome: 'reopened', position: recorded.position };
  return { ...outcome, cause: recorded, position: recorded.position };
}
