import { validatedRefusalReasons, type RefusalReasonInput } from './refusal-reasons';
import { validatedOverrides } from './screening-overrides';
import { failed, passed } from '../screening/finding';

const EXPLANATION = 'The CSQ was issued under the family class, not as a skilled worker.';

describe('R1 refusal reasons', () => {
  it('keeps grounds, rules and explanations, with a missing rule as null', () => {
    const reasons: RefusalReasonInput[] = [
      { ground: 'R200(1)(c)(ii)', rule: 'E5', explanation: EXPLANATION },
      { ground: 'R200(1)(b)', explanation: 'Ties to the home country were not shown in the file.' },
    ];
    expect(validatedRefusalReasons(reasons)).toEqual([
      { ground: 'R200(1)(c)(ii)', rule: 'E5', explanation: EXPLANATION },
      { ground: 'R200(1)(b)', rule: null, explanation: 'Ties to the home country were not shown in the file.' },
    ]);
  });

  it('refuses a refusal with no reasons', () => {
    expect(() => validatedRefusalReasons([])).toThrow(expect.objectContaining({ code: 'R1_REASONS_REQUIRED' }));
    expect(() => validatedRefusalReasons(undefined)).toThrow(expect.objectContaining({ code: 'R1_REASONS_REQUIRED' }));
  });

  it.each(['', '   ', 'Not eligible.', ' \n\t no letter \n'])('refuses the explanation %j as trivial', (explanation) => {
    expect(() => validatedRefusalReasons([{ ground: 'R200(1)(b)', explanation }])).toThrow(expect.objectContaining({ code: 'R1_EXPLANATION_REQUIRED' }));
  });

  it('refuses when any one of several reasons is unexplained', () => {
    const reasons = [
      { ground: 'R200(1)(c)(ii)', rule: 'E5', explanation: EXPLANATION },
      { ground: 'R200(1)(b)', explanation: '' },
    ];
    expect(() => validatedRefusalReasons(reasons)).toThrow(expect.objectContaining({ code: 'R1_EXPLANATION_REQUIRED' }));
  });

  it('refuses a ground outside R200(1)(b) and R200(1)(c)(ii)', () => {
    expect(() => validatedRefusalReasons([{ ground: 'R200(1)(a)', explanation: EXPLANATION }])).toThrow(expect.objectContaining({ code: 'R1_UNKNOWN_GROUND' }));
  });

  it('refuses a rule id that is not in the rulebook', () => {
    expect(() => validatedRefusalReasons([{ ground: 'R200(1)(b)', rule: 'E9', explanation: EXPLANATION }])).toThrow(expect.objectContaining({ code: 'R1_UNKNOWN_RULE' }));
  });
});

describe('screening overrides on approval (section 2)', () => {
  const findings = [passed('E1', 'online'), failed('E2', 'resides in Quebec at receipt'), failed('D1', 'missing csq')];
  const JUSTIFICATION = 'Lease in Ottawa since March; the Quebec address was the employer.';

  it('records one reasoned override per failed finding', () => {
    const overrides = [
      { rule: 'E2', justification: JUSTIFICATION },
      { rule: 'D1', justification: 'CSQ received by mail on 2024-05-10 and verified.' },
    ];
    expect(validatedOverrides(findings, overrides)).toEqual(overrides);
  });

  it('needs an override for every failed finding', () => {
    expect(() => validatedOverrides(findings, [{ rule: 'E2', justification: JUSTIFICATION }])).toThrow(expect.objectContaining({ code: 'SCREENING_OVERRIDE_REQUIRED' }));
  });

  it('needs a non-trivial justification', () => {
    const overrides = [
      { rule: 'E2', justification: 'ok' },
      { rule: 'D1', justification: JUSTIFICATION },
    ];
    expect(() => validatedOverrides(findings, overrides)).toThrow(expect.objectContaining({ code: 'SCREENING_OVERRIDE_UNJUSTIFIED' }));
  });

  it('refuses an override of a finding that did not fail', () => {
    expect(() => validatedOverrides(findings, [{ rule: 'E1', justification: JUSTIFICATION }])).toThrow(expect.objectContaining({ code: 'SCREENING_OVERRIDE_NOT_FAILED' }));
  });

  it('needs nothing when no finding failed', () => {
    expect(validatedOverrides([passed('E1', 'online')])).toEqual([]);
  });
});
