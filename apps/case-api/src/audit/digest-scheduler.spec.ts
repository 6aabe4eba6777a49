import { DigestScheduler, type DigestSigning } from './digest-scheduler';
import { SCHEDULED_ROUND_DUTY } from './digest-thread/signing-duty';

describe('DigestScheduler', () => {
  afterEach(() => jest.useRealTimers());

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
    expect(hurry).toHaveBeenLastCalledWith(SCHEDULED_ROUND_DUTY);

    const asked = scheduler.signNow();
    expect(hurry).toHaveBeenLastCalledWith(1);
    expect(signAll).toHaveBeenCalledTimes(1); // one signing at a time: the asked one waits for the round
    endRound(null);
    await asked;
    expect(signAll).toHaveBeenLastCalledWith(1);
    await scheduler.onApplicationShutdown();
  });
});
