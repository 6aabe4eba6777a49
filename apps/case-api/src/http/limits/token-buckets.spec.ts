import { TokenBuckets, type RateLimit } from './token-buckets';

const BURST: RateLimit = { name: 'burst', limit: 3, windowMs: 1000 };
const PER_MINUTE: RateLimit = { name: 'per-minute', limit: 5, windowMs: 60_000 };

function clocked(limits: readonly RateLimit[]) {
  let now = 0;
  const buckets = new TokenBuckets(limits, () => now);
  return { buckets, advance: (ms: number) => (now += ms) };
}

const takeMany = (buckets: TokenBuckets, caller: string, count: number) =>
  Array.from({ length: count }, () => buckets.take(caller)?.limit.name ?? 'ok');

describe('TokenBuckets: per-caller rate limits', () => {
  it('lets a caller spend its burst at once and refuses the next request with the time until a token is back', () => {
    const { buckets } = clocked([BURST, PER_MINUTE]);
    expect(takeMany(buckets, 'a', 3)).toEqual(['ok', 'ok', 'ok']);
    expect(buckets.take('a')).toEqual({ limit: BURST, retryAfterMs: 1000 / 3 });
  });

  it('refills evenly, and a refused request spends nothing', () => {
    const { buckets, advance } = clocked([BURST]);
    takeMany(buckets, 'a', 3);
    expect(takeMany(buckets, 'a', 5)).toEqual(Array(5).fill('burst'));
    advance(1000 / 3);
    expect(takeMany(buckets, 'a', 2)).toEqual(['ok', 'burst']);
  });

  it('names the limit a caller must wait longest for, with that wait', () => {
    const { buckets, advance } = clocked([BURST, PER_MINUTE]);
    takeMany(buckets, 'a', 3);
    advance(1100);
    takeMany(buckets, 'a', 2);
    const refusal = buckets.take('a');
    expect(refusal?.limit).toBe(PER_MINUTE);
    expect(refusal?.retryAfterMs).toBeCloseTo(12_000 - 1100, 5);
  });

  it('keeps callers apart, and forgets idle callers once their buckets are full again', () => {
    const { buckets, advance } = clocked([BURST, PER_MINUTE]);
    takeMany(buckets, 'a', 5);
    expect(buckets.take('b')).toBeNull();
    advance(61_000);
    expect(takeMany(buckets, 'a', 3)).toEqual(['ok', 'ok', 'ok']);
  });
});
