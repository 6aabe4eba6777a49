import { DomainError } from '@app/kernel';
import { RULE_IDS } from '../rules/rule-ids';
import { DOMAIN_ERROR_CODES, fail } from './domain-error-codes';

const STATE_CODES = [
  'APPLICATION_NOT_FOUND',
  'APPLICATION_ALREADY_SUBMITTED',
  'APPLICATION_NOT_APPROVED',
  'PERMIT_ALREADY_ISSUED',
  'SCREENING_OVERRIDE_REQUIRED',
  'SCREENING_OVERRIDE_UNJUSTIFIED',
  'SCREENING_OVERRIDE_NOT_FAILED',
];

describe('domain error codes', () => {
  it('start with the RULES.md id they enforce, except the few state and override codes', () => {
    const untraced = DOMAIN_ERROR_CODES.map(({ code }) => code).filter(
      (code) => !RULE_IDS.some((id) => code.startsWith(`${id}_`)),
    );
    expect(untraced).toEqual(STATE_CODES);
  });

  it('map not-found, conflicts and rule refusals as the HTTP layer expects', () => {
    const kindOf = (code: string) => DOMAIN_ERROR_CODES.find((entry) => entry.code === code)?.kind;
    expect(kindOf('APPLICATION_NOT_FOUND')).toBe('not-found');
    expect(kindOf('R2_ALREADY_DECIDED')).toBe('conflict');
    expect(kindOf('APPLICATION_ALREADY_SUBMITTED')).toBe('conflict');
    expect(kindOf('R1_REASONS_REQUIRED')).toBe('rule');
    expect(kindOf('I2_PASSPORT_EXPIRED')).toBe('rule');
  });

  it('throws a DomainError carrying the catalogued kind', () => {
    expect(() => fail('R2_ALREADY_DECIDED', 'decided')).toThrow(
      expect.objectContaining({ code: 'R2_ALREADY_DECIDED', kind: 'conflict' }),
    );
    expect(() => fail('R2_ALREADY_DECIDED', 'decided')).toThrow(DomainError);
  });
});
