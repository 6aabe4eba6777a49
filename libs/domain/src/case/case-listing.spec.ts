import {
  approvedPrincipal,
  familySubmission,
  foldStored,
  intakeNumberAssigned,
  permitIssuedPrincipal,
  principalSnapshot,
  received,
  receivedAs,
  withdrawn,
} from '@app/testing';
import { applicationDecider } from './case.decider';
import { toApplicationListing, toApplicationView } from './case-view';
import type { ApplicationEvent } from './events';

const histories: Readonly<Record<string, readonly ApplicationEvent[]>> = {
  'just received': [received()],
  numbered: [received(), intakeNumberAssigned()],
  'a spouse': [receivedAs(familySubmission(), { principal: principalSnapshot() })],
  approved: approvedPrincipal(),
  'permit issued': permitIssuedPrincipal(),
  withdrawn: [received(), withdrawn()],
};

describe('toApplicationListing: the columns the case view stores for its work queues', () => {
  it.each(Object.entries(histories))('gives the same values as the full view when %s', (_, events) => {
    const state = foldStored(applicationDecider, events);
    const view = toApplicationView(state, events.length - 1);
    expect(toApplicationListing(state)).toEqual({
      status: view?.status,
      intakeYear: view?.intake?.year ?? null,
      routing: view?.routing,
      receivedAt: view?.receivedAt,
      principalApplicationId: view?.principalApplicationId,
      // H2: none of these histories has a request for information (information-requests.spec covers the queues).
      informationQueue: null,
    });
  });

  it('is null before receipt, as the view is', () => {
    expect(toApplicationListing(applicationDecider.initialState())).toBeNull();
  });
});
