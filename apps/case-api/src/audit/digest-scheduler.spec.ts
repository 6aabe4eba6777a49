import { Logger } from '@nestjs/common';
import { DigestScheduler, type DigestSigning } from './digest-scheduler';
import { SCHEDULED_ROUND_DUTY } from './digest-thread/signing-duty';

/** A scheduler of minutely rounds, a minute after its start: its first periodic round is under way until `endRound`. */
async function aPeriodicRoundUnderWay() {
  jest.useFakeTimers();
  let endRound: (result: null) => void = () => undefined;
  const signAll = jest
    .fn<ReturnType<DigestSigning['signAll']>, [number?]>()
    .mockReturnValueOnce(new Promise((resolve) => (endRound = resolve)))
    .mockResolvedValue(null);
  const hurry = jest.fn<void, [number]>();
  const scheduler = new DigestScheduler({ signAll, hurry }, 60_000);
  scheduler.onApplicationBootstrap();
  await jest.advanceTimersByTimeAsync(60_000);
  return { signAll, hurry, scheduler, endRound: (result: null) => endRound(result) };
}

describe('DigestScheduler', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('has its periodic rounds give way to requests (SCHEDULED_ROUND_DUTY), and signs at once when asked', async () => {
    jest.useFakeTimers();
    const signAll = jest.fn<ReturnType<DigestSigning['signAll']>, [number?]>().mockResolvedValue(null);
    const scheduler = new DigestScheduler({ signAll }, 60_000);
    scheduler.onApplicationBootstrap();

    await jest.advanceTimersByTimeAsync(60_000);
    expect(signAll).toHaveBeenLastCalledWith(SCHEDULED_ROUND_DUTY);
    await scheduler.signNow();
    expect(signAll).toHaveBeenLastCalledWith(1);
    expect(signAll).toHaveBeenCalledTimes(2);
    await scheduler.onApplicationShutdown();
  });

  it('hurries a periodic round under way when a sign is asked for, and signs after it', async () => {
    const { signAll, hurry, scheduler, endRound } = await aPeriodicRoundUnderWay();
    expect(hurry).toHaveBeenLastCalledWith(SCHEDULED_ROUND_DUTY);

    const asked = scheduler.signNow();
    expect(hurry).toHaveBeenLastCalledWith(1);
    expect(signAll).toHaveBeenCalledTimes(1); // one signing at a time: the asked one waits for the round
    endRound(null);
    await asked;
    expect(signAll).toHaveBeenLastCalledWith(1);
    await scheduler.onApplicationShutdown();
  });

  it('has a periodic round still under way at the next interval work without pauses, and queues no other behind it', async () => {
    const { signAll, hurry, scheduler, endRound } = await aPeriodicRoundUnderWay();
    expect(signAll.mock.calls).toEqual([[SCHEDULED_ROUND_DUTY]]);

    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await jest.advanceTimersByTimeAsync(120_000); // two intervals pass while the round goes on
    expect(signAll).toHaveBeenCalledTimes(1);
    expect(hurry).toHaveBeenLastCalledWith(1);
    expect(logged.mock.calls).toEqual([
      ['the periodic signing has not caught up with the log in 60000 ms: it goes on without pauses'],
    ]);
    endRound(null);
    await jest.advanceTimersByTimeAsync(60_000); // caught up: the next round is paced again
    expect(signAll.mock.calls).toEqual([[SCHEDULED_ROUND_DUTY], [SCHEDULED_ROUND_DUTY]]);
    expect(hurry).toHaveBeenLastCalledWith(SCHEDULED_ROUND_DUTY);
    await scheduler.onApplicationShutdown();
  });
});
