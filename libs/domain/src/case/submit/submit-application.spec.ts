import { applicationDecider, applicationStreamName, type ApplicationEvent } from '@app/domain';
import {
  applicationSpec,
  APPLICATION_ID,
  datedBefore,
  familySubmission,
  principalSnapshot,
  PRINCIPAL_ID,
  quebec,
  received,
  submission,
  submit,
  submitAs,
} from '@app/testing';

const onlyEventData = (events: readonly ApplicationEvent[]) => {
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event?.type !== 'ApplicationReceived') throw new Error(`expected ApplicationReceived, got ${event?.type}`);
  return event.data;
};

describe('receiving an application', () => {
  it('records the submission, Eastern receipt date, findings, routing, fees owed and biometrics', () => {
    applicationSpec
      .given()
      .when(submit())
      .thenEvents((events) => {
        const data = onlyEventData(events);
        expect(data).toMatchObject({
          applicationId: APPLICATION_ID,
          receivedAt: '2024-05-02T14:03:00Z',
          receivedOn: '2024-05-02',
          submission: submission(),
          principal: null,
          routing: 'migration-office',
          feesOwed: { processing: 155, openWorkPermitHolder: 100, biometrics: 85 },
          biometrics: { required: true, exemption: null },
          countsAgainstCap: true,
          intakeYear: 2024,
        });
        expect(data.screening.filter((finding) => finding.outcome === 'failed')).toEqual([]);
      });
  });

  it('names the stream application-<id>', () => {
    expect(applicationStreamName(APPLICATION_ID)).toBe(`application-${APPLICATION_ID}`);
  });

  it('refuses a second submission under the same id', () => {
    applicationSpec.given([received()]).when(submit()).thenThrows('APPLICATION_ALREADY_SUBMITTED', 'conflict');
  });
});

describe('E2 residence outside Quebec (at receipt)', () => {
  it('receives and counts an applicant residing in Quebec, with the failed finding for the officer', () => {
    applicationSpec
      .given()
      .when(submit({ residence: quebec }))
      .thenEvents((events) => {
        const data = onlyEventData(events);
        expect(data.countsAgainstCap).toBe(true);
        expect(data.screening.find((finding) => finding.rule === 'E2')?.outcome).toBe('failed');
      });
  });
});

describe('C2 every principal application counts against the cap; family members do not', () => {
  it('counts a principal in its Eastern receipt year', () => {
    applicationSpec
      .given()
      .when(submit({}, { receivedAt: '2025-01-01T04:30:00Z' }))
      .thenEvents((events) =>
        expect(onlyEventData(events)).toMatchObject({ countsAgainstCap: true, intakeYear: 2024 }),
      );
  });

  it('does not count a spouse', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission(), { principal: principalSnapshot() }))
      .thenEvents((events) =>
        expect(onlyEventData(events)).toMatchObject({ countsAgainstCap: false, intakeYear: null }),
      );
  });
});

describe('M5 family members pay 155 + 100 + biometrics', () => {
  it('owes the same fees as a principal', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission(), { principal: principalSnapshot() }))
      .thenEvents((events) =>
        expect(onlyEventData(events).feesOwed).toEqual({ processing: 155, openWorkPermitHolder: 100, biometrics: 85 }),
      );
  });

  it('owes no biometric fee once the family paid the 170 maximum [INF]', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission(), { principal: principalSnapshot(), familyBiometricFeesPaid: 170 }))
      .thenEvents((events) => expect(onlyEventData(events).feesOwed.biometrics).toBe(0));
  });
});

describe('M1 a family member names its principal', () => {
  it('records the principal snapshot it was received with', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission(), { principal: principalSnapshot() }))
      .thenEvents((events) => expect(onlyEventData(events).principal).toEqual(principalSnapshot()));
  });

  it('refuses a family member without the principal snapshot', () => {
    applicationSpec.given().when(submitAs(familySubmission())).thenThrows('M1_PRINCIPAL_REQUIRED', 'rule');
  });

  it('refuses a family member without a principal application id', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission({ principalApplicationId: undefined }), { principal: principalSnapshot() }))
      .thenThrows('M1_PRINCIPAL_REQUIRED');
  });

  it('refuses the snapshot of another application', () => {
    applicationSpec
      .given()
      .when(submitAs(familySubmission(), { principal: principalSnapshot({ applicationId: 'someone-else' }) }))
      .thenThrows('M1_PRINCIPAL_MISMATCH');
  });

  it('refuses a principal that names a principal', () => {
    applicationSpec
      .given()
      .when(submit({ principalApplicationId: PRINCIPAL_ID }))
      .thenThrows('M1_PRINCIPAL_NOT_EXPECTED');
  });
});

describe('T1 instants and dates are checked at the door', () => {
  it('refuses a receipt time without a zone', () => {
    applicationSpec
      .given()
      .when(submit({}, { receivedAt: '2024-05-02 14:03' }))
      .thenThrows('T1_INVALID_INSTANT');
  });

  it('refuses an impossible date', () => {
    applicationSpec
      .given()
      .when(submit({ applicant: { dateOfBirth: '1990-02-30' } }))
      .thenThrows('T1_INVALID_DATE');
  });
});

describe('$1 fee amounts are amounts', () => {
  it('refuses a negative fee', () => {
    applicationSpec
      .given()
      .when(submit({ fees: { processing: -155 } }))
      .thenThrows('$1_INVALID_FEE_AMOUNT');
  });
});

describe('T2 the domain never reads a clock', () => {
  it('decides the same events for the same command, whenever it runs', () => {
    const first = applicationDecider.decide(submit(), applicationDecider.initialState());
    const second = applicationDecider.decide(submit(), applicationDecider.initialState());
    expect(second).toEqual(first);
  });

  it('takes the receipt instant from the command, even years ago', () => {
    applicationSpec
      .given()
      .when(submit(datedBefore('2022-06-01T15:00:00Z'), { receivedAt: '2022-06-01T15:00:00Z' }))
      .thenEvents((events) =>
        expect(onlyEventData(events)).toMatchObject({ receivedOn: '2022-06-01', intakeYear: 2022 }),
      );
  });
});
