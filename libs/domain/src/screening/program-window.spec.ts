import {
  applicationSpec,
  familySubmission,
  findingOf,
  principalSnapshot,
  received,
  submit,
  submitAs,
} from '@app/testing';

const letter = (issuedOn: string, receivedOn: string) => ({
  invitationLetter: { number: 'MIFI-A76-2025-0001', issuedOn, receivedOn },
});

describe('P1 program window: letters dated on or before 2025-01-15', () => {
  it('passes a letter dated 2025-01-15', () => {
    const event = received(letter('2025-01-15', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' });
    expect(findingOf('P1', event).outcome).toBe('passed');
  });

  it('fails a letter dated 2025-01-16', () => {
    const event = received(letter('2025-01-16', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' });
    expect(findingOf('P1', event)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('2025-01-16') });
  });

  it('fails a letter dated before the program opened on 2022-05-24', () => {
    const event = received(
      { ...letter('2022-05-20', '2022-05-25'), csq: { issuedOn: '2022-03-01' } },
      { receivedAt: '2022-06-01T15:00:00Z' },
    );
    expect(findingOf('P1', event).outcome).toBe('failed');
  });

  it('fails without any letter', () => {
    expect(findingOf('P1', received({ invitationLetter: undefined })).outcome).toBe('failed');
  });
});

describe('P3 a receipt before the program opened (2022-05-24, Eastern) is not an A76 application', () => {
  const submitAt = (instant: string) =>
    submit({ csq: { issuedOn: '2021-06-01' }, invitationLetter: undefined }, { receivedAt: instant });

  it('refuses a receipt in 2022 before the opening and one at the Unix epoch', () => {
    applicationSpec.given().when(submitAt('2022-01-01T03:00:00Z')).thenThrows('P3_BEFORE_PROGRAM', 'rule');
    applicationSpec.given().when(submitAt('1970-01-01T00:00:00Z')).thenThrows('P3_BEFORE_PROGRAM', 'rule');
  });

  it('refuses 23:00 Eastern on 2022-05-23, already 2022-05-24 in UTC', () => {
    applicationSpec.given().when(submitAt('2022-05-24T03:00:00Z')).thenThrows('P3_BEFORE_PROGRAM');
  });

  it('receives 00:00 Eastern on 2022-05-24, the opening day, in its cap year', () => {
    applicationSpec
      .given()
      .when(submitAt('2022-05-24T04:00:00Z'))
      .thenEvents((events) =>
        expect(events).toMatchObject([
          { type: 'ApplicationReceived', data: { receivedOn: '2022-05-24', intakeYear: 2022 } },
        ]),
      );
  });

  it('names the Eastern receipt date and the opening date', () => {
    expect(() => applicationSpec.given().when(submitAt('2022-05-24T03:59:59Z')).then([])).toThrow(
      'receivedAt falls on 2022-05-23 (Eastern), before the program opened on 2022-05-24',
    );
  });

  it('refuses a family member received before the opening too', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission(), { receivedAt: '2022-05-01T15:00:00Z', principal: principalSnapshot() }))
      .thenThrows('P3_BEFORE_PROGRAM');
  });
});

describe('P2 submitted within 90 days after the letter was received', () => {
  it('is in time on day 90', () => {
    const event = received(letter('2024-01-30', '2024-02-02'));
    expect(findingOf('P2', event)).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('day 90') });
  });

  it('is late on day 91', () => {
    const event = received(letter('2024-01-30', '2024-02-01'));
    expect(findingOf('P2', event)).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('day 91') });
  });

  it('counts the receipt day in Eastern time (T1): 23:30 Eastern on day 90 is in time', () => {
    const event = received(letter('2024-01-30', '2024-02-02'), { receivedAt: '2024-05-03T03:30:00Z' });
    expect(findingOf('P2', event).outcome).toBe('passed');
  });

  it('refuses, rather than screens, an application received before its letter (T1)', () => {
    applicationSpec
      .given()
      .when(submit(letter('2024-05-01', '2024-05-10')))
      .thenThrows('T1_DATE_AFTER_RECEIPT', 'rule');
  });

  it('keeps receiving and processing after the window closed (cases in the system continue)', () => {
    const event = received(letter('2025-01-10', '2025-01-12'), { receivedAt: '2025-04-12T15:00:00Z' });
    expect(event.type).toBe('ApplicationReceived');
    expect(findingOf('P2', event).outcome).toBe('passed');
  });
});

describe('E6 holds the MIFI invitation letter for A76', () => {
  it('passes with a letter dated 2025-01-15', () => {
    expect(
      findingOf('E6', received(letter('2025-01-15', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' })).outcome,
    ).toBe('passed');
  });

  it('fails with a letter dated 2025-01-16', () => {
    expect(
      findingOf('E6', received(letter('2025-01-16', '2025-01-20'), { receivedAt: '2025-02-03T15:00:00Z' })).outcome,
    ).toBe('failed');
  });

  it('fails without a letter', () => {
    expect(findingOf('E6', received({ invitationLetter: undefined }))).toMatchObject({
      outcome: 'failed',
      detail: 'no MIFI invitation letter',
    });
  });
});
