import {
  approved,
  datedBefore,
  decisionSetAside,
  intakeNumberAssigned,
  principalWorkPermit,
  received,
  refused,
  withdrawn,
  workPermitIssued,
} from '@app/testing';
import { countedEvent, quarterDates, weekStartOf } from './report-counts';

describe('H6 each receipt, decision, withdrawal and permit counts once, on its Eastern date (T1)', () => {
  it('counts a receipt as submitted on its Eastern receipt date', () => {
    const receivedAt = '2024-04-01T03:30:00Z';
    expect(countedEvent(received(datedBefore(receivedAt), { receivedAt }))).toEqual({
      date: '2024-03-31',
      measure: 'submitted',
    });
  });

  it('counts approvals and refusals on the Eastern date of decidedAt', () => {
    expect(countedEvent(approved({ decidedAt: '2024-05-06T03:59:59Z' }))).toEqual({
      date: '2024-05-05',
      measure: 'approved',
    });
    expect(countedEvent(refused({ decidedAt: '2024-05-06T04:00:00Z' }))).toEqual({
      date: '2024-05-06',
      measure: 'refused',
    });
  });

  it('counts a withdrawal on the Eastern date of withdrawnAt, a permit on its issuedOn', () => {
    expect(countedEvent(withdrawn({ withdrawnAt: '2024-07-01T02:00:00Z' }))).toEqual({
      date: '2024-06-30',
      measure: 'withdrawn',
    });
    expect(countedEvent(workPermitIssued({ ...principalWorkPermit(), issuedOn: '2024-06-30' }))).toEqual({
      date: '2024-06-30',
      measure: 'permitsIssued',
    });
  });

  it('counts nothing else: a number, a decision set aside (R7: the decision it undid still counts)', () => {
    expect(countedEvent(intakeNumberAssigned())).toBeNull();
    expect(countedEvent(decisionSetAside())).toBeNull();
  });
});

describe('H6 weeks run Monday to Sunday, quarters are calendar quarters', () => {
  it.each([
    ['2024-04-01', '2024-04-01'],
    ['2024-04-07', '2024-04-01'],
    ['2024-04-08', '2024-04-08'],
    ['2024-02-29', '2024-02-26'],
    ['2023-01-01', '2022-12-26'],
  ])('the week of %s starts on Monday %s', (date, monday) => {
    expect(weekStartOf(date)).toBe(monday);
  });

  it.each([
    [1, '2024-01-01', '2024-03-31'],
    [2, '2024-04-01', '2024-06-30'],
    [3, '2024-07-01', '2024-09-30'],
    [4, '2024-10-01', '2024-12-31'],
  ])('quarter %i of 2024 runs from %s to %s', (quarter, from, to) => {
    expect(quarterDates(2024, quarter)).toEqual({ from, to });
  });
});
