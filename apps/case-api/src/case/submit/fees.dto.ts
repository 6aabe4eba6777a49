import { MoneyField } from '../../http/dto/api-field.decorator';

/** Fees paid with the application, in CAD (RULES.md $1–$3); a missing fee is a screening finding, not a 400. */
export class FeesDto {
  @MoneyField({ example: 155, description: 'Work permit processing fee.' })
  processing!: number;

  @MoneyField({ example: 100, description: 'Open work permit holder fee.' })
  openWorkPermitHolder!: number;

  @MoneyField({ example: 85, description: 'Biometrics fee.' })
  biometrics!: number;

  @MoneyField({ optional: true, example: 0, description: 'Restoration of status fee, when restoring ($2).' })
  restoration?: number;
}
