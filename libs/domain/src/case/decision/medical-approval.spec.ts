import { citesExcessiveDemandExemption } from '@app/domain';
import {
  applicationSpec,
  approve,
  approved,
  medicalResultRecorded,
  NON_TRIVIAL_EXPLANATION,
  readyForDecision,
  refuse,
  refused,
} from '@app/testing';

const withResult = (result: 'M1' | 'M4' | 'M5' | 'M6') => [...readyForDecision(), medicalResultRecorded({ result })];

const R206 = 'Exempt from excessive demand under R206: a protected person named in the refugee decision on file.';
const R207D = 'The applicant is a dependent child of a sponsored spouse: exempt under R207(d) from excessive demand.';

describe('I4 M4 or M6 recorded: the application cannot be approved, it is refused under A38(1)', () => {
  it.each(['M4', 'M6'] as const)('refuses the approval on %s', (result) => {
    applicationSpec.given(withResult(result)).when(approve()).thenThrows('I4_MEDICALLY_INADMISSIBLE', 'rule');
  });

  it('refuses the approval whatever override is given', () => {
    applicationSpec
      .given(withResult('M4'))
      .when(approve({ overrides: [{ rule: 'I4', justification: R206 }] }))
      .thenThrows('I4_MEDICALLY_INADMISSIBLE');
  });

  it('lets the officer refuse under A38(1)', () => {
    const reasons = [{ ground: 'A38(1)', rule: 'I4', explanation: NON_TRIVIAL_EXPLANATION }];
    applicationSpec
      .given(withResult('M6'))
      .when(refuse({ reasons }))
      .then([refused({ reasons: [{ ground: 'A38(1)', rule: 'I4', explanation: NON_TRIVIAL_EXPLANATION }] })]);
  });
});

describe('I4 M5 excessive demand: approved only with an override citing R206 or R207(c)/(d)', () => {
  it('asks for an override of I4', () => {
    applicationSpec.given(withResult('M5')).when(approve()).thenThrows('I4_EXCESSIVE_DEMAND_OVERRIDE_REQUIRED', 'rule');
  });

  it('asks the override to cite R206 or R207(c)/(d)', () => {
    const justification = 'The officer weighed the medical evidence and the family situation with care.';
    applicationSpec
      .given(withResult('M5'))
      .when(approve({ overrides: [{ rule: 'I4', justification }] }))
      .thenThrows('I4_EXCESSIVE_DEMAND_CITATION_REQUIRED', 'rule');
  });

  it.each([R206, R207D])('approves with the override recorded: %s', (justification) => {
    applicationSpec
      .given(withResult('M5'))
      .when(approve({ overrides: [{ rule: 'I4', justification }] }))
      .then([approved({ overrides: [{ rule: 'I4', justification }] })]);
  });

  it('reads R206, R207(c) and R207(d), not R2060 nor R207(a)', () => {
    expect(['R206', 'r 206', 'R207(c)', 'R207 (d)'].map(citesExcessiveDemandExemption)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['R2060', 'R207(a)', 'R207', 'section 206'].map(citesExcessiveDemandExemption)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('I4 M1 to M3 recorded, or no result: approval as before', () => {
  it('approves on M1 without an override', () => {
    applicationSpec.given(withResult('M1')).when(approve()).then([approved()]);
  });

  it('refuses an override of I4 when no medical finding failed', () => {
    applicationSpec
      .given(withResult('M1'))
      .when(approve({ overrides: [{ rule: 'I4', justification: R206 }] }))
      .thenThrows('SCREENING_OVERRIDE_NOT_FAILED');
  });
});
