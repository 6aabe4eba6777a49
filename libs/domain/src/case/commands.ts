import type { BiometricsCommand } from './biometrics/biometrics.messages';
import type { DecisionCommand } from './decision/decision.messages';
import type { ExtensionsCommand } from './extensions/extensions.messages';
import type { FamilyCommand } from './family/family.messages';
import type { InformationRequestsCommand } from './information-requests/information-requests.messages';
import type { IntakeCommand } from './intake/intake.messages';
import type { IssuanceCommand } from './issuance/issuance.messages';
import type { MedicalCommand } from './medical/medical.messages';
import type { NotesCommand } from './notes/notes.messages';
import type { CorrectionsCommand } from './corrections/corrections.messages';
import type { SetAsideCommand } from './set-aside/set-aside.messages';
import type { SubmitCommand } from './submit/submit.messages';
import type { WithdrawalCommand } from './withdrawal/withdrawal.messages';

/** Every command of the case: the union of its use cases' commands. */
export type ApplicationCommand =
  | SubmitCommand
  | IntakeCommand
  | BiometricsCommand
  | DecisionCommand
  | WithdrawalCommand
  | IssuanceCommand
  | ExtensionsCommand
  | FamilyCommand
  | MedicalCommand
  | SetAsideCommand
  | InformationRequestsCommand
  | NotesCommand
  | CorrectionsCommand;

export type ApplicationCommandType = ApplicationCommand['type'];
