import type { ApplicationEvent, ApplicationEventType } from './events';
import type { Evolvers } from './registries';
import type { ApplicationState, SubmittedApplication } from './state';
import { biometricsEvolvers } from './biometrics/biometrics.evolve';
import { decisionEvolvers } from './decision/decision.evolve';
import { extensionsEvolvers } from './extensions/extensions.evolve';
import { familyEvolvers } from './family/family.evolve';
import { informationRequestsEvolvers } from './information-requests/information-requests.evolve';
import { intakeEvolvers } from './intake/intake.evolve';
import { issuanceEvolvers } from './issuance/issuance.evolve';
import { medicalEvolvers } from './medical/medical.evolve';
import { notesEvolvers } from './notes/notes.evolve';
import { correctionsEvolvers } from './corrections/corrections.evolve';
import { setAsideEvolvers } from './set-aside/set-aside.evolve';
import { receivedFrom } from './submit/application-received.evolve';
import type { ApplicationReceived } from './submit/submit.messages';
import { withdrawalEvolvers } from './withdrawal/withdrawal.evolve';

/** How every event after the receipt changes the case: a new event type without an evolver does not compile. */
const EVOLVERS: Evolvers<Exclude<ApplicationEvent, ApplicationReceived>> = {
  ...intakeEvolvers,
  ...biometricsEvolvers,
  ...decisionEvolvers,
  ...withdrawalEvolvers,
  ...issuanceEvolvers,
  ...extensionsEvolvers,
  ...familyEvolvers,
  ...medicalEvolvers,
  ...setAsideEvolvers,
  ...informationRequestsEvolvers,
  ...notesEvolvers,
  ...correctionsEvolvers,
};

type AnyEvolver = (current: SubmittedApplication, event: ApplicationEvent) => ApplicationState;

/** Folds one event into the state. Events are facts: evolve never refuses one, it only records it. */
export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (event.type === 'ApplicationReceived') return receivedFrom(event);
  if (state.status === 'new') throw new Error(`${event.type} before ApplicationReceived`);
  const evolver = EVOLVERS[event.type] as AnyEvolver | undefined;
  if (!evolver) throw new Error(`Not an application event: ${String((event as { type: unknown }).type)}`);
  return evolver(state, event);
}

/** Every event type of an `application-<id>` stream (stable names, never derived from class names). */
export const APPLICATION_EVENT_TYPES = [
  'ApplicationReceived',
  ...Object.keys(EVOLVERS),
] as readonly ApplicationEventType[];

const EVENT_TYPES = new Set<string>(APPLICATION_EVENT_TYPES);

export const isApplicationEventType = (type: string): type is ApplicationEventType => EVENT_TYPES.has(type);
