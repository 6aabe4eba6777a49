import type { RecordedEvent } from '@app/event-store';
import { NON_TRIVIAL_EXPLANATION, familySubmission, submission } from '@app/testing';
import { possibleDuplicatesHandler } from './duplicates/possible-duplicates.process';
import { familyFollowsPrincipalHandler } from './family/family-follows-principal.process';
import { intakeNumberingHandler } from './intake/intake-numbering.process';
import { ProcessHarness } from './testing/process-harness';

const REFUSAL = [{ ground: 'R200(1)(b)', explanation: NON_TRIVIAL_EXPLANATION + ' The stay has no end in view.' }];

describe('the events each process manager reacts to (what the answer to a command waits for)', () => {
  let bench: ProcessHarness;
  beforeEach(() => (bench = new ProcessHarness('2024-05-02T14:03:00.000Z')));
  afterEach(() => bench.stop());

  it('C1, C6: a principal’s receipt is numbered and checked for duplicates; M7: a member’s receipt and a principal’s refusal are followed', async () => {
    const processes = [
      intakeNumberingHandler(bench.db, bench.dispatch, bench.now),
      possibleDuplicatesHandler(bench.db, bench.dispatch, bench.now),
      familyFollowsPrincipalHandler(bench.db, bench.dispatch, bench.now),
    ];
    const reactions = (events: readonly RecordedEvent[]) =>
      events.map((event) => [event.type, processes.filter((process) => process.reactsTo?.(event)).map((p) => p.name)]);
    const principal = await bench.submit(submission());
    await bench.send(principal, { type: 'AssignIntakeNumber', data: { year: 2024, number: 1, cap: 7_350 } });
    const spouse = await bench.submit(familySubmission({ principalApplicationId: principal }));
    await bench.send(principal, {
      type: 'RefuseApplication',
      data: { decidedAt: '2024-06-01T15:00:00Z', officerId: 'officer-7', reasons: REFUSAL },
    });
    expect(reactions(await bench.eventsOf(principal))).toEqual([
      ['ApplicationReceived', ['intake-numbering', 'possible-duplicates']],
      ['IntakeNumberAssigned', []],
      ['ApplicationRefused', ['family-follows-principal']],
    ]);
    expect(reactions(await bench.eventsOf(spouse))).toEqual([['ApplicationReceived', ['family-follows-principal']]]);
  });

  it('takes an event it cannot read as one it may react to', () => {
    const family = familyFollowsPrincipalHandler(bench.db, bench.dispatch, bench.now);
    expect(family.reactsTo?.({ streamName: 'application-a-1', type: 'ApplicationReceived', data: {} })).toBe(true);
    expect(family.reactsTo?.({ streamName: 'application-a-1', type: 'ApplicationRefused', data: null })).toBe(true);
    expect(family.reactsTo?.({ streamName: 'other-a-1', type: 'ApplicationRefused', data: null })).toBe(false);
  });
});
