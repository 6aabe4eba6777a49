import { NestedArrayField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH, MAX_LIST_ITEMS, MAX_TEXT_LENGTH, RULE_ID_PATTERN } from '../../http/dto/dto-limits';

const RULE_ID = {
  maxLength: MAX_IDENTIFIER_LENGTH,
  pattern: RULE_ID_PATTERN,
  patternMessage: '$property must be a RULES.md rule id such as E4',
};

/** An officer's reasoned decision to approve despite a failed screening finding (RULES.md §2). */
export class OverrideDto {
  @TextField({ ...RULE_ID, example: 'D3', description: 'The rule whose failed finding is overridden.' })
  rule!: string;

  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'Residence in Ontario verified from the 2023 CRA notice of assessment supplied after receipt.',
  })
  justification!: string;
}

/** Body of `POST …/approval`. */
export class ApproveApplicationDto {
  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'Eligibility confirmed; biometrics enrolled 2024-12-20.',
  })
  notes!: string;

  @NestedArrayField(() => OverrideDto, {
    optional: true,
    maxItems: MAX_LIST_ITEMS,
    uniqueBy: (override: OverrideDto) => (typeof override.rule === 'string' ? override.rule : Symbol()),
    uniqueMessage: '$property must not override the same rule twice',
  })
  overrides?: OverrideDto[];
}

/** One requirement not met and why (RULES.md R1). Whether the explanation suffices is the domain's call. */
export class RefusalReasonDto {
  @TextField({
    maxLength: MAX_IDENTIFIER_LENGTH,
    example: 'R200(1)(c)(ii)',
    description:
      'R4: an R200(1)(…) paragraph or an IRPA A3x/A4x(…) admissibility section, e.g. A40(1)(a); any other shape is refused with 422 R1_UNKNOWN_GROUND.',
  })
  ground!: string;

  @TextField({ ...RULE_ID, optional: true, example: 'E6' })
  rule?: string;

  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    allowBlank: true,
    example:
      'The invitation letter is dated 2025-02-03, after MIFI stopped issuing A76 invitations on 2025-01-16; ' +
      'the intended work is therefore not described in R205(a).',
  })
  explanation!: string;
}

/** Body of `POST …/refusal`. An empty list passes here and is refused by the domain (R1_REASONS_REQUIRED). */
export class RefuseApplicationDto {
  @NestedArrayField(() => RefusalReasonDto, { maxItems: MAX_LIST_ITEMS })
  reasons!: RefusalReasonDto[];
}
