import { screenApplication, type PrincipalStatus, type RuleId } from '@app/domain';
import { familySubmission, findingOf, principalSnapshot, RECEIVED_AT, receivedAs } from '@app/testing';

const familyReceived = (permitValidTo: string | null, status: PrincipalStatus = 'permit-issued') =>
  receivedAs(familySubmission(), { principal: principalSnapshot({ status, permitValidTo }) });

describe('M3 the principal has 6 months of work authorization left when the family member is received', () => {
  it('fails when the principal has 5 months left', () => {
    expect(findingOf('M3', familyReceived('2024-10-02'))).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('less than 6 months'),
    });
  });

  it('passes when the principal has exactly 6 months left', () => {
    expect(findingOf('M3', familyReceived('2024-11-02')).outcome).toBe('passed');
  });

  it('defers the check to issuance when applying together with a principal not yet issued', () => {
    expect(findingOf('M3', familyReceived(null, 'received')).outcome).toBe('not-applicable');
    expect(findingOf('M3', familyReceived(null, 'approved')).outcome).toBe('not-applicable');
  });

  it.each(['refused', 'withdrawn', 'cancelled-over-cap', 'returned-over-cap'] as const)(
    'fails when the principal is %s',
    (status) => {
      expect(findingOf('M3', familyReceived(null, status)).outcome).toBe('failed');
    },
  );

  it('fails in plain screening without a principal', () => {
    expect(screenApplication(familySubmission(), RECEIVED_AT).find((f) => f.rule === 'M3')?.outcome).toBe('failed');
  });
});

describe('M1 M10 family members: A76 eligibility follows the principal', () => {
  it("records the principal's conditions as not applicable and still screens the rest", () => {
    const event = familyReceived('2027-06-05');
    const outcome = (rule: RuleId) => findingOf(rule, event).outcome;
    const principals = ['P1', 'P2', 'E2', 'E3', 'E4', 'E5', 'E6', 'D1', 'D2', 'D3', 'F3'] as const;
    expect(principals.map(outcome)).toEqual(Array(principals.length).fill('not-applicable'));
    expect((['E1', 'E8', 'F1', '$1', '$3', 'M3', 'M8'] as const).map(outcome)).toEqual(Array(7).fill('passed'));
  });

  it('records M3, M8 and M9 after the section 1–5 findings of a family member', () => {
    expect(
      familyReceived('2027-06-05')
        .data.screening.map((f) => f.rule)
        .slice(-3),
    ).toEqual(['M3', 'M8', 'M9']);
  });
});

describe('screening records one finding per rule and never decides', () => {
  it('records P1–P2, E1–E8, D1–D3, F1–F3 and $1–$3 once each for a principal', () => {
    const rules = receivedAs(
      familySubmission({ applicantType: 'principal', principalApplicationId: undefined }),
    ).data.screening.map((f) => f.rule);
    expect(rules).toEqual([
      'P1',
      'P2',
      'E1',
      'E2',
      'E3',
      'E4',
      'E5',
      'E6',
      'E7',
      'E8',
      'D1',
      'D2',
      'D3',
      'F1',
      'F2',
      'F3',
      '$1',
      '$2',
      '$3',
    ]);
  });
});
