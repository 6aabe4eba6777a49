import type { ApplicationCommand, ApplicationCommandType } from './commands';
import type { ApplicationEvent } from './events';
import type { Deciders } from './registries';
import type { ApplicationState } from './state';
import { biometricsDeciders } from './biometrics/biometrics.decide';
import { decisionDeciders } from './decision/decision.decide';
import { extensionsDeciders } from './extensions/extensions.decide';
import { familyDeciders } from './family/family.decide';
import { informationRequestsDeciders } from './information-requests/information-requests.decide';
import { intakeDeciders } from './intake/intake.decide';
import { issuanceDeciders } from './issuance/issuance.decide';
import { medicalDeciders } from './medical/medical.decide';
import { notesDeciders } from './notes/notes.decide';
import { correctionsDeciders } from './corrections/corrections.decide';
import { setAsideDeciders } from './set-aside/set-aside.decide';
import { submitDeciders } from './submit/submit-application.decide';
import { withdrawalDeciders } from './withdrawal/withdrawal.decide';

/** Every use case's deciders: typed over the whole command union, so a command without one does not compile. */
const DECIDERS: Deciders<ApplicationCommand> = {
  ...submitDeciders,
  ...intakeDeciders,
  ...biometricsDeciders,
  ...decisionDeciders,
  ...withdrawalDeciders,
  ...issuanceDeciders,
  ...extensionsDeciders,
  ...familyDeciders,
  ...medicalDeciders,
  ...setAsideDeciders,
  ...informationRequestsDeciders,
  ...notesDeciders,
  ...correctionsDeciders,
};

type AnyDecider = (command: ApplicationCommand, state: ApplicationState) => readonly ApplicationEvent[];

/** Turns a command and the current state into events, or throws a DomainError whose code names the rule. */
export function decide(command: ApplicationCommand, state: ApplicationState): readonly ApplicationEvent[] {
  const decider = DECIDERS[command.type] as AnyDecider | undefined;
  if (!decider) throw new Error(`Not an application command: ${String((command as { type: unknown }).type)}`);
  return decider(command, state);
}

/** Every command type of the application decider. */
export const APPLICATION_COMMAND_TYPES = Object.keys(DECIDERS) as readonly ApplicationCommandType[];
