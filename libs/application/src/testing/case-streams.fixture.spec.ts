import { MemoryEventStore } from '@app/event-store';
import { applicationStreamName } from '@app/domain';
import { verifyChain } from '@app/integrity';
import { viewAt } from '../audit/application-history';
import { appendCases } from './case-streams.fixture';

describe('case streams fixture', () => {
  it('writes hash-chained streams the domain replays to an issued permit', async () => {
    const store = new MemoryEventStore();
    const [id] = await appendCases(store, 1);
    const events = await store.readStream(applicationStreamName(id));
    expect(events.map((event) => event.type)).toEqual([
      'ApplicationReceived',
      'IntakeNumberAssigned',
      'BiometricInstructionLetterIssued',
      'BiometricsEnrolled',
      'ApplicationApproved',
      'WorkPermitIssued',
    ]);
    expect(verifyChain(events)).toEqual({ valid: true, checkedEvents: 6 });
    expect(viewAt(events, { revision: 5 })).toMatchObject({ status: 'permit-issued', intake: { number: 1 } });
  });
});
