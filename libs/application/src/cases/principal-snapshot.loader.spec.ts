import { MemoryEventStore } from '@app/event-store';
import { applicationDecider, type ApplicationCommand } from '@app/domain';
import { approve, familySubmission, foldStored, principalSnapshot, received, receivedAs } from '@app/testing';
import { appendCases } from '../testing/case-streams.fixture';
import { withPrincipalSnapshot } from './principal-snapshot.loader';

/** The state of a spouse naming `principalId`, as the pipeline folds it before deciding. */
const spouseOf = (principalId: string) =>
  foldStored(applicationDecider, [
    receivedAs(familySubmission({ principalApplicationId: principalId }), {
      principal: principalSnapshot({ applicationId: principalId }),
    }),
  ]);

const principalOn = (command: ApplicationCommand) =>
  command.type === 'ApproveApplication' ? command.data.principal : 'not an approval';

describe("M6 the approval of a family member carries the principal's state at decision", () => {
  it('reads an approved principal from its stream', async () => {
    const store = new MemoryEventStore();
    const [principalId = ''] = await appendCases(store, 1, 5);
    const command = await withPrincipalSnapshot(store, approve(), spouseOf(principalId));
    expect(principalOn(command)).toEqual({
      applicationId: principalId,
      status: 'approved',
      permitValidTo: null,
      prApplicationSubmitted: false,
    });
  });

  it('reads a principal that is only received, so the decider can refuse the approval', async () => {
    const store = new MemoryEventStore();
    const [principalId = ''] = await appendCases(store, 1, 1);
    const command = await withPrincipalSnapshot(store, approve(), spouseOf(principalId));
    expect(principalOn(command)).toMatchObject({ applicationId: principalId, status: 'received' });
  });

  it("leaves a principal's own approval as it is", async () => {
    const store = new MemoryEventStore();
    const command = await withPrincipalSnapshot(store, approve(), foldStored(applicationDecider, [received()]));
    expect(command).toEqual(approve());
  });

  it('answers a command that needs no other stream at once, not with a promise (the pipeline then does not await it)', () => {
    const store = new MemoryEventStore();
    const own = approve();
    expect(withPrincipalSnapshot(store, own, foldStored(applicationDecider, [received()]))).toBe(own);
  });
});
