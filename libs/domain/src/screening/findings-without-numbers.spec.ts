import { findingOf, received, receivedAs, submission } from '@app/testing';
import type { Submission } from '../submission/submission';

/** docs/privacy.md: a finding names the document it checked, never the document's number. */
const identifyingValuesOf = ({ applicant, csq, invitationLetter, prApplication }: Submission): string[] =>
  [
    applicant.familyName,
    applicant.givenNames,
    applicant.dateOfBirth,
    applicant.passport.number,
    csq?.number,
    invitationLetter?.number,
    prApplication?.number,
  ].filter((value): value is string => value !== undefined);

const expiredCsq = { csq: { issuedOn: '2022-04-01' } };
const prFiled = (submittedOn: string, status: 'in-progress' | 'approved' | 'refused' = 'in-progress') => ({
  prApplication: { number: 'E004455667', submittedOn, status },
});

describe('E4 names the CSQ and the PR application without their numbers', () => {
  it('a CSQ still valid, no PR application', () => {
    expect(findingOf('E4', received())).toEqual({
      rule: 'E4',
      outcome: 'passed',
      detail: 'CSQ valid until 2025-09-01, no PR application filed',
    });
  });

  it('a CSQ expired, no PR application', () => {
    expect(findingOf('E4', received(expiredCsq))).toEqual({
      rule: 'E4',
      outcome: 'failed',
      detail: 'CSQ expired on 2024-04-01 and no PR application was filed',
    });
  });

  it('a PR application filed before the CSQ expired, in progress', () => {
    expect(findingOf('E4', received({ ...expiredCsq, ...prFiled('2024-03-15') }))).toEqual({
      rule: 'E4',
      outcome: 'passed',
      detail: 'PR application filed 2024-03-15, before the CSQ expired on 2024-04-01, in progress',
    });
  });

  it('a PR application filed after the CSQ expired', () => {
    expect(findingOf('E4', received({ ...expiredCsq, ...prFiled('2024-04-15') }))).toEqual({
      rule: 'E4',
      outcome: 'failed',
      detail: 'PR application filed 2024-04-15, after the CSQ expired on 2024-04-01',
    });
  });

  it('a PR application no longer in progress', () => {
    expect(findingOf('E4', received({ ...expiredCsq, ...prFiled('2024-03-15', 'refused') }))).toEqual({
      rule: 'E4',
      outcome: 'failed',
      detail: 'PR application is refused, not in progress',
    });
  });
});

describe('E6 names the MIFI letter without its number', () => {
  it('a letter dated inside the program window', () => {
    expect(findingOf('E6', received())).toEqual({
      rule: 'E6',
      outcome: 'passed',
      detail: 'MIFI letter dated 2024-04-01',
    });
  });

  it('a letter dated after the last valid letter date', () => {
    const late = received(
      { invitationLetter: { issuedOn: '2025-01-16', receivedOn: '2025-01-20' } },
      { receivedAt: '2025-02-03T15:00:00Z' },
    );
    expect(findingOf('E6', late)).toEqual({
      rule: 'E6',
      outcome: 'failed',
      detail: 'MIFI letter dated 2025-01-16, after 2025-01-15',
    });
  });
});

describe('no finding quotes a personal value of the submission', () => {
  const cases: Record<string, Submission> = {
    'a principal whose findings all pass': submission(),
    'a principal with an expired CSQ and a late PR application': submission({
      ...expiredCsq,
      ...prFiled('2024-04-15'),
    }),
    'a principal with a PR application already approved': submission(prFiled('2024-03-15', 'approved')),
    'a principal with neither CSQ nor letter': submission({ csq: undefined, invitationLetter: undefined }),
  };

  it.each(Object.entries(cases))('%s', (_, filed) => {
    const details = receivedAs(filed)
      .data.screening.map((finding) => finding.detail)
      .join('\n');
    const quoted = identifyingValuesOf(filed).filter((value) => details.includes(value));
    expect(quoted).toEqual([]);
  });
});
