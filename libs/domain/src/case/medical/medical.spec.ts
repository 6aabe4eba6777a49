import { applicationDecider, toApplicationView, type ApplicationEvent } from '@app/domain';
import {
  applicationSpec,
  approved,
  foldStored,
  medicalResultRecorded,
  readyForDecision,
  recordMedicalResult,
  refused,
  withdrawn,
} from '@app/testing';

const viewOf = (events: readonly ApplicationEvent[]) =>
  toApplicationView(foldStored(applicationDecider, events), events.length - 1);

describe('I4 medical results are recorded before the decision', () => {
  it('records the result with its surveillance code', () => {
    applicationSpec
      .given(readyForDecision())
      .when(recordMedicalResult({ result: 'M2', surveillance: 'S2.02U' }))
      .then([medicalResultRecorded({ result: 'M2', surveillance: 'S2.02U' })]);
  });

  it('records no surveillance code when none is given', () => {
    applicationSpec.given(readyForDecision()).when(recordMedicalResult()).then([medicalResultRecorded()]);
  });

  it('takes an exam made before the receipt (an upfront medical), never one after the day it is recorded', () => {
    applicationSpec
      .given(readyForDecision())
      .when(recordMedicalResult({ examinedOn: '2024-03-01' }))
      .then([medicalResultRecorded({ examinedOn: '2024-03-01' })]);
    applicationSpec
      .given(readyForDecision())
      .when(recordMedicalResult({ examinedOn: '2024-05-29', recordedAt: '2024-05-29T03:00:00Z' }))
      .thenThrows('I4_EXAMINED_IN_FUTURE', 'rule');
  });

  it('refuses a code outside M1–M6 and S2.02/S2.02U', () => {
    const command = recordMedicalResult();
    const odd = (data: object) => ({ ...command, data: { ...command.data, ...data } }) as typeof command;
    applicationSpec
      .given(readyForDecision())
      .when(odd({ result: 'S2' }))
      .thenThrows('I4_UNKNOWN_MEDICAL_CODE');
    applicationSpec
      .given(readyForDecision())
      .when(odd({ surveillance: 'S1' }))
      .thenThrows('I4_UNKNOWN_MEDICAL_CODE');
  });

  it('shows the latest result in the view, a repeated exam replacing the first', () => {
    const events = [
      ...readyForDecision(),
      medicalResultRecorded({ result: 'M5' }),
      medicalResultRecorded({ result: 'M1', examinedOn: '2024-05-27', surveillance: 'S2.02' }),
    ];
    expect(viewOf(events)?.medical).toEqual({ result: 'M1', examinedOn: '2024-05-27', surveillance: 'S2.02' });
    expect(viewOf(readyForDecision())?.medical).toBeNull();
  });
});

describe('R2 no medical result after the decision', () => {
  it('refuses a result once the application is approved or refused', () => {
    applicationSpec
      .given([...readyForDecision(), approved()])
      .when(recordMedicalResult({ recordedAt: '2024-06-04T13:00:00Z' }))
      .thenThrows('R2_ALREADY_DECIDED', 'conflict');
    applicationSpec
      .given([...readyForDecision(), refused()])
      .when(recordMedicalResult({ recordedAt: '2024-06-04T13:00:00Z' }))
      .thenThrows('R2_ALREADY_DECIDED', 'conflict');
  });

  it('refuses a result on a withdrawn application', () => {
    applicationSpec
      .given([...readyForDecision(), withdrawn()])
      .when(recordMedicalResult())
      .thenThrows('R2_APPLICATION_CLOSED', 'conflict');
  });
});
