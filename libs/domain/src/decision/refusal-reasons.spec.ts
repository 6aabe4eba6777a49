import { wordsOf } from './explanations';
import { isRefusalGround, REFUSAL_GROUNDS, validatedRefusalReasons, type RefusalReasonInput } from './refusal-reasons';
import { validatedOverrides } from './screening-overrides';
import { failed, passed } from '../screening/finding';

const EXPLANATION = 'The CSQ was issued under the family class, not as a skilled worker.';
const TIES = 'Ties to the home country were not shown in the file: no lease, job or family there.';

describe('R1 refusal reasons', () => {
  it('keeps grounds, rules and explanations, with a missing rule as null', () => {
    const reasons: RefusalReasonInput[] = [
      { ground: 'R200(1)(c)(ii)', rule: 'E5', explanation: EXPLANATION },
      { ground: 'R200(1)(b)', explanation: TIES },
    ];
    expect(validatedRefusalReasons(reasons)).toEqual([
      { ground: 'R200(1)(c)(ii)', rule: 'E5', explanation: EXPLANATION },
      { ground: 'R200(1)(b)', rule: null, explanation: TIES },
    ]);
  });

  it('refuses a refusal with no reasons', () => {
    expect(() => validatedRefusalReasons([])).toThrow(expect.objectContaining({ code: 'R1_REASONS_REQUIRED' }));
    expect(() => validatedRefusalReasons(undefined)).toThrow(expect.objectContaining({ code: 'R1_REASONS_REQUIRED' }));
  });

  it.each(['', '   ', ' \n\t \n'])('refuses the explanation %j as missing', (explanation) => {
    expect(() => validatedRefusalReasons([{ ground: 'R200(1)(b)', explanation }])).toThrow(
      expect.objectContaining({ code: 'R1_EXPLANATION_REQUIRED' }),
    );
  });

  it('refuses when any one of several reasons is unexplained', () => {
    const reasons = [
      { ground: 'R200(1)(c)(ii)', rule: 'E5', explanation: EXPLANATION },
      { ground: 'R200(1)(b)', explanation: '' },
    ];
    expect(() => validatedRefusalReasons(reasons)).toThrow(
      expect.objectContaining({ code: 'R1_EXPLANATION_REQUIRED' }),
    );
  });

  it('refuses a rule id that is not in the rulebook', () => {
    expect(() => validatedRefusalReasons([{ ground: 'R200(1)(b)', rule: 'E9', explanation: EXPLANATION }])).toThrow(
      expect.objectContaining({ code: 'R1_UNKNOWN_RULE' }),
    );
  });
});

describe('R4 refusal grounds are validated by shape: R200(1)(…) or an IRPA A3x/A4x(…) section', () => {
  const refuseOn = (ground: string) => validatedRefusalReasons([{ ground, explanation: EXPLANATION }]);

  it.each([
    'R200(1)(b)',
    'R200(1)(c)(ii)',
    'R200(1)(e)',
    'A40(1)(a)',
    'A36(1)',
    'A36(2)(b)',
    'A38(1)',
    'A34',
    'A37',
    'A41',
    'A36(1)(a)',
  ])('accepts %s', (ground) => {
    expect(refuseOn(ground)).toEqual([{ ground, rule: null, explanation: EXPLANATION }]);
  });

  it('stores the ground without surrounding spaces', () => {
    expect(refuseOn(' A40(1)(a) ')[0]?.ground).toBe('A40(1)(a)');
  });

  it.each([
    'R179(b)',
    'R200',
    'R200(2)(a)',
    'R200(1)b',
    'R200(1)()',
    'A99(1)',
    'A4(1)',
    'A40(1)(a',
    'E6',
    'a40(1)(a)',
    'A40(1)(a); DROP',
    '',
  ])('refuses %j', (ground) => {
    expect(() => refuseOn(ground)).toThrow(expect.objectContaining({ code: 'R1_UNKNOWN_GROUND', kind: 'rule' }));
  });

  it('is not a closed list of the two R200 grounds any more', () => {
    expect(isRefusalGround('A40(1)(a)')).toBe(true);
    expect(REFUSAL_GROUNDS.every(isRefusalGround)).toBe(true);
  });
});

describe('R5 an explanation engages with the evidence', () => {
  const IRCC_EXAMPLE = 'I have reviewed the submissions, and I am not satisfied that section R205 is met';
  const refuseWith = (explanation: string) => () => validatedRefusalReasons([{ ground: 'R200(1)(b)', explanation }]);
  const insufficient = expect.objectContaining({ code: 'R5_EXPLANATION_INSUFFICIENT', kind: 'rule' });

  it.each([
    ['25 × "x"', 'x'.repeat(25)],
    ['11 words', 'The applicant did not show any ties to the home country.'],
    ['12 words, only 4 distinct', 'no letter no letter no letter no CSQ no CSQ no proof'],
    ["IRCC's example", IRCC_EXAMPLE],
    ["IRCC's example, upper case and spaced out", `  ${IRCC_EXAMPLE.toUpperCase().replace(/ /g, '   ')}.  `],
    [
      "IRCC's example with different punctuation and line breaks",
      'I have reviewed the submissions\nand I am not satisfied that section R205 is met.',
    ],
    ["IRCC's example padded with a few words", `${IRCC_EXAMPLE}. The file is incomplete.`],
  ])('refuses %s', (_name, explanation) => {
    expect(refuseWith(explanation)).toThrow(insufficient);
  });

  it('accepts exactly 12 words of which 8 are distinct', () => {
    expect(refuseWith('The letter is for the PEQ, not the A76 program: the letter')).not.toThrow();
  });

  it("accepts IRCC's example followed by a real explanation of the evidence", () => {
    expect(refuseWith(`${IRCC_EXAMPLE}: ${EXPLANATION}`)).not.toThrow();
  });

  it('counts words, not characters or punctuation', () => {
    expect(wordsOf("R205(a) — l'employeur n'a rien dit.")).toEqual(['r205', 'a', "l'employeur", "n'a", 'rien', 'dit']);
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
    expect(() => validatedOverrides(findings, [{ rule: 'E2', justification: JUSTIFICATION }])).toThrow(
      expect.objectContaining({ code: 'SCREENING_OVERRIDE_REQUIRED' }),
    );
  });

  it('needs a non-trivial justification', () => {
    const overrides = [
      { rule: 'E2', justification: 'ok' },
      { rule: 'D1', justification: JUSTIFICATION },
    ];
    expect(() => validatedOverrides(findings, overrides)).toThrow(
      expect.objectContaining({ code: 'SCREENING_OVERRIDE_UNJUSTIFIED' }),
    );
  });

  it('refuses an override of a finding that did not fail', () => {
    expect(() => validatedOverrides(findings, [{ rule: 'E1', justification: JUSTIFICATION }])).toThrow(
      expect.objectContaining({ code: 'SCREENING_OVERRIDE_NOT_FAILED' }),
    );
  });

  it('needs nothing when no finding failed', () => {
    expect(validatedOverrides([passed('E1', 'online')])).toEqual([]);
  });
});
