import { foldStored, received, submission } from '@app/testing';
import { applicationDecider } from './case.decider';
import { toApplicationView } from './case-view';
import type { ApplicationReceived } from './events';

const filed = submission({ prApplication: { number: 'E001234567', submittedOn: '2024-03-15', status: 'in-progress' } });
const { applicant, csq, invitationLetter, prApplication } = filed;
const DOCUMENT_NUMBERS = [
  applicant.passport.number,
  csq?.number,
  invitationLetter?.number,
  prApplication?.number,
] as string[];

describe('toApplicationView masks numbers that stored screening details still quote (docs/privacy.md)', () => {
  /** `ApplicationReceived` as recorded before findings stopped quoting document numbers. */
  const receivedWithOldDetails = (): ApplicationReceived => {
    const event = received(filed);
    const oldDetails: Readonly<Record<string, string>> = {
      E4: `PR application ${prApplication?.number} filed 2024-03-15, before the CSQ expired on 2025-09-01, in progress`,
      E5: `CSQ ${csq?.number} obtained as a skilled worker (regular-skilled-worker)`,
      E6: `MIFI letter ${invitationLetter?.number} dated 2024-04-01`,
    };
    const screening = event.data.screening.map((finding) => ({
      ...finding,
      detail: oldDetails[finding.rule] ?? finding.detail,
    }));
    return { ...event, data: { ...event.data, screening } };
  };

  it('shows an old-style detail with the CSQ number replaced by [redacted]', () => {
    const view = toApplicationView(foldStored(applicationDecider, [receivedWithOldDetails()]), 0);
    expect(view?.screening).toEqual(
      expect.arrayContaining([
        {
          rule: 'E4',
          outcome: 'passed',
          detail: 'PR application [redacted] filed 2024-03-15, before the CSQ expired on 2025-09-01, in progress',
        },
        {
          rule: 'E5',
          outcome: 'passed',
          detail: 'CSQ [redacted] obtained as a skilled worker (regular-skilled-worker)',
        },
        { rule: 'E6', outcome: 'passed', detail: 'MIFI letter [redacted] dated 2024-04-01' },
      ]),
    );
    const text = JSON.stringify(view);
    expect(DOCUMENT_NUMBERS.filter((number) => text.includes(number))).toEqual([]);
  });

  it('leaves the stored state as it was and current details as they are', () => {
    const state = foldStored(applicationDecider, [receivedWithOldDetails()]);
    toApplicationView(state, 0);
    expect(JSON.stringify(state)).toContain(`MIFI letter ${invitationLetter?.number}`);
    const current = received(filed);
    expect(toApplicationView(foldStored(applicationDecider, [current]), 0)?.screening).toEqual(current.data.screening);
  });
});
