import type { BiometricsEvent } from './biometrics/biometrics.messages';
import type { DecisionEvent } from './decision/decision.messages';
import type { ExtensionsEvent } from './extensions/extensions.messages';
import type { FamilyEvent } from './family/family.messages';
import type { InformationRequestsEvent } from './information-requests/information-requests.messages';
import type { IntakeEvent } from './intake/intake.messages';
import type { IssuanceEvent } from './issuance/issuance.messages';
import type { MedicalEvent } from './medical/medical.messages';
import type { NotesEvent } from './notes/notes.messages';
import type { CorrectionsEvent } from './corrections/corrections.messages';
import type { SetAsideEvent } from './set-aside/set-aside.messages';
import type { SubmitEvent } from './submit/submit.messages';
import type { WithdrawalEvent } from './withdrawal/withdrawal.messages';

export type * from './biometrics/biometrics.messages';
export type * from './decision/decision.messages';
export type * from './extensions/extensions.messages';
export type * from './family/family.messages';
export type * from './information-requests/information-requests.messages';
export type * from './intake/intake.messages';
export type * from './issuance/issuance.messages';
export type * from './medical/medical.messages';
export type * from './notes/notes.messages';
export type * from './corrections/corrections.messages';
export type * from './set-aside/set-aside.messages';
export type * from './submit/submit.messages';
export type * from './withdrawal/withdrawal.messages';

/** Every event of an `application-<id>` stream: the union of its use cases' events. */
export type ApplicationEvent =
  | SubmitEvent
  | IntakeEvent
  | BiometricsEvent
  | DecisionEvent
  | WithdrawalEvent
  | IssuanceEvent
  | ExtensionsEvent
  | FamilyEvent
  | MedicalEvent
  | SetAsideEvent
  | InformationRequestsEvent
  | NotesEvent
  | CorrectionsEvent;

export type ApplicationEventType = ApplicationEvent['type'];
