import { applicationDecider, type ApplicationEvent, type SubmitApplication, type Submission } from '@app/domain';
import { applicationSpec, findingOf, submit, type DeepPartial } from '@app/testing';

/** The standard receipt is 2024-05-02 Eastern; these are the receipt date itself and the day after. */
const RECEIPT_DAY = '2024-05-02';
const DAY_AFTER = '2024-05-03';

const refusalOf = (command: SubmitApplication) => () =>
  applicationDecider.decide(command, applicationDecider.initialState());

const receivedEvent = (events: readonly ApplicationEvent[]) =>
  expect(events).toMatchObject([{ type: 'ApplicationReceived' }]);

const prApplication = (dates: { submittedOn: string; aorReceivedOn?: string }): DeepPartial<Submission> => ({
  prApplication: { number: 'E001234567', status: 'in-progress', ...dates },
});

describe('T1 a date of birth is possible on the receipt date', () => {
  it('receives an applicant born on the receipt date itself', () => {
    applicationSpec
      .given()
      .when(submit({ applicant: { dateOfBirth: RECEIPT_DAY } }))
      .thenEvents(receivedEvent);
  });

  it.each([DAY_AFTER, '2090-01-01', '9999-12-31'])(
    'refuses a date of birth after the receipt date: %s',
    (dateOfBirth) => {
      applicationSpec
        .given()
        .when(submit({ applicant: { dateOfBirth } }))
        .thenThrows('T1_DATE_OF_BIRTH_IMPOSSIBLE', 'rule');
    },
  );

  it('compares with the Eastern receipt date: 23:00 Eastern on 2024-05-02 is not yet 2024-05-03', () => {
    const lateEvening = submit({ applicant: { dateOfBirth: DAY_AFTER } }, { receivedAt: '2024-05-03T03:00:00Z' });
    applicationSpec.given().when(lateEvening).thenThrows('T1_DATE_OF_BIRTH_IMPOSSIBLE');
  });

  it('receives 1900-01-01 [INF] and refuses the day before it, or 1800', () => {
    applicationSpec
      .given()
      .when(submit({ applicant: { dateOfBirth: '1900-01-01' } }))
      .thenEvents(receivedEvent);
    applicationSpec
      .given()
      .when(submit({ applicant: { dateOfBirth: '1899-12-31' } }))
      .thenThrows('T1_DATE_OF_BIRTH_IMPOSSIBLE');
    applicationSpec
      .given()
      .when(submit({ applicant: { dateOfBirth: '1800-01-01' } }))
      .thenThrows('T1_DATE_OF_BIRTH_IMPOSSIBLE');
  });

  it('names the field and the rule, never the date of birth (docs/privacy.md)', () => {
    expect(refusalOf(submit({ applicant: { dateOfBirth: '2090-01-01' } }))).toThrow(
      new Error('applicant.dateOfBirth is after the receipt date 2024-05-02'),
    );
    expect(refusalOf(submit({ applicant: { dateOfBirth: '1899-12-31' } }))).toThrow(
      new Error('applicant.dateOfBirth is before 1900-01-01, the earliest taken as possible'),
    );
  });
});

describe('T1 nothing the applicant did or received is dated after the receipt', () => {
  const FIELDS: ReadonlyArray<readonly [string, (date: string) => DeepPartial<Submission>]> = [
    ['csq.issuedOn', (date) => ({ csq: { issuedOn: date } })],
    ['invitationLetter.issuedOn', (date) => ({ invitationLetter: { issuedOn: date, receivedOn: date } })],
    ['invitationLetter.receivedOn', (date) => ({ invitationLetter: { receivedOn: date } })],
    ['prApplication.submittedOn', (date) => prApplication({ submittedOn: date })],
    ['prApplication.aorReceivedOn', (date) => prApplication({ submittedOn: '2024-03-01', aorReceivedOn: date })],
    ['applicant.biometricsGivenOn', (date) => ({ applicant: { biometricsGivenOn: date } })],
  ];

  it.each(FIELDS)('receives %s on the receipt date itself', (_field, dated) => {
    applicationSpec
      .given()
      .when(submit(dated(RECEIPT_DAY)))
      .thenEvents(receivedEvent);
  });

  it.each(FIELDS)('refuses %s on the day after the receipt, naming the field and both dates', (field, dated) => {
    applicationSpec
      .given()
      .when(submit(dated(DAY_AFTER)))
      .thenThrows('T1_DATE_AFTER_RECEIPT', 'rule');
    expect(refusalOf(submit(dated(DAY_AFTER)))).toThrow(
      new Error(`${field} ${DAY_AFTER} is after the receipt date ${RECEIPT_DAY}`),
    );
  });

  it('refuses a CSQ issued in 2099, which screening used to pass', () => {
    applicationSpec
      .given()
      .when(submit({ csq: { issuedOn: '2099-01-01' } }))
      .thenThrows('T1_DATE_AFTER_RECEIPT');
  });

  it('compares with the Eastern receipt date: a CSQ of 2024-05-03 is refused at 23:00 Eastern on 2024-05-02', () => {
    applicationSpec
      .given()
      .when(submit({ csq: { issuedOn: DAY_AFTER } }, { receivedAt: '2024-05-03T03:00:00Z' }))
      .thenThrows('T1_DATE_AFTER_RECEIPT');
  });
});

describe('T1 the dates of one document come in order', () => {
  it('receives a letter received on its date and refuses one received the day before it', () => {
    applicationSpec
      .given()
      .when(submit({ invitationLetter: { issuedOn: '2024-04-03', receivedOn: '2024-04-03' } }))
      .thenEvents(receivedEvent);
    const early = submit({ invitationLetter: { issuedOn: '2024-04-03', receivedOn: '2024-04-02' } });
    applicationSpec.given().when(early).thenThrows('T1_DATES_OUT_OF_ORDER', 'rule');
    expect(refusalOf(early)).toThrow(
      new Error('invitationLetter.receivedOn 2024-04-02 is before invitationLetter.issuedOn 2024-04-03'),
    );
  });

  it('receives an AOR on the day the PR application was submitted and refuses one the day before', () => {
    applicationSpec
      .given()
      .when(submit(prApplication({ submittedOn: '2024-03-01', aorReceivedOn: '2024-03-01' })))
      .thenEvents(receivedEvent);
    const early = submit(prApplication({ submittedOn: '2024-03-01', aorReceivedOn: '2024-02-29' }));
    applicationSpec.given().when(early).thenThrows('T1_DATES_OUT_OF_ORDER');
    expect(refusalOf(early)).toThrow(
      new Error('prApplication.aorReceivedOn 2024-02-29 is before prApplication.submittedOn 2024-03-01'),
    );
  });

  it('refuses biometrics given before birth, without quoting the date of birth', () => {
    const unborn = submit({ applicant: { dateOfBirth: '1990-04-12', biometricsGivenOn: '1990-04-11' } });
    applicationSpec.given().when(unborn).thenThrows('T1_DATES_OUT_OF_ORDER');
    expect(refusalOf(unborn)).toThrow(
      new Error('applicant.biometricsGivenOn 1990-04-11 is before applicant.dateOfBirth'),
    );
  });
});

describe('T1 a passport expiry is plausible', () => {
  it('refuses a passport that expires before the date of birth, without quoting it', () => {
    const command = submit({ applicant: { dateOfBirth: '1990-04-12', passport: { expiresOn: '1990-04-11' } } });
    applicationSpec.given().when(command).thenThrows('T1_PASSPORT_EXPIRY_IMPLAUSIBLE', 'rule');
    expect(refusalOf(command)).toThrow(
      new Error('applicant.passport.expiresOn 1990-04-11 is before applicant.dateOfBirth'),
    );
  });

  it('receives an expiry 20 years after the receipt date [INF] and refuses the day after, or 9999-12-31', () => {
    applicationSpec
      .given()
      .when(submit({ applicant: { passport: { expiresOn: '2044-05-02' } } }))
      .thenEvents(receivedEvent);
    const tooLate = submit({ applicant: { passport: { expiresOn: '2044-05-03' } } });
    applicationSpec.given().when(tooLate).thenThrows('T1_PASSPORT_EXPIRY_IMPLAUSIBLE');
    expect(refusalOf(tooLate)).toThrow(
      new Error('applicant.passport.expiresOn 2044-05-03 is more than 20 years after the receipt date 2024-05-02'),
    );
    applicationSpec
      .given()
      .when(submit({ applicant: { passport: { expiresOn: '9999-12-31' } } }))
      .thenThrows('T1_PASSPORT_EXPIRY_IMPLAUSIBLE');
  });
});

describe('T1 late or expired is not impossible: screening records it', () => {
  it('receives an expired passport, an expired CSQ and a late letter, with the failed findings', () => {
    const late = submit({
      applicant: { passport: { expiresOn: '2024-01-31' } },
      csq: { issuedOn: '2020-01-15' },
      invitationLetter: { issuedOn: '2023-10-01', receivedOn: '2023-10-03' },
    });
    applicationSpec
      .given()
      .when(late)
      .thenEvents((events) => {
        const [event] = events;
        if (event?.type !== 'ApplicationReceived') throw new Error(`expected ApplicationReceived, got ${event?.type}`);
        expect(findingOf('E4', event).outcome).toBe('failed');
        expect(findingOf('P2', event).outcome).toBe('failed');
      });
  });
});
