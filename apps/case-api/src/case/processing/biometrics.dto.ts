import { InstantField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_NAME_LENGTH } from '../../http/dto/dto-limits';

/** Body of `POST …/biometric-instruction-letters`: an officer issues a BIL by hand (RULES.md B4). */
export class IssueBiometricInstructionLetterDto {
  @InstantField({ optional: true, example: '2024-12-03T14:03:00Z', description: 'Defaults to now.' })
  issuedAt?: string;
}

/** Body of `POST …/biometrics`: the collection service reports an enrolment (RULES.md B5). */
export class RecordBiometricsDto {
  @InstantField({ example: '2024-12-20T15:30:00Z' })
  enrolledAt!: string;

  @TextField({ maxLength: MAX_NAME_LENGTH, example: 'Service Canada Centre, Toronto ON' })
  location!: string;
}
