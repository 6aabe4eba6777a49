/** One limit: at most `limit` requests in `windowMs`, refilled evenly (a token bucket). */
export type RateLimit = Readonly<{ name: string; limit: number; windowMs: number }>;

type Bucket = { tokens: number; at: number };

/** The refusal of a request: the limit it ran into, and when a token of every limit is back. */
export type Refusal = Readonly<{ limit: RateLimit; retryAfterMs: number }>;

/** Callers not seen for this long start again with full buckets, so idle callers cost no memory. */
const IDLE_SWEEP_MS = 60_000;

/**
 * Token buckets per caller, one per limit: a caller may spend a whole bucket at once (a burst)
 * and gets tokens back at `limit / windowMs`. A refused request spends nothing, so a caller that
 * waits the Retry-After it was told gets through. Constant work per request: two subtractions and
 * a map lookup, no timers (full buckets of idle callers are dropped at most once a minute).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket[]>();
  private sweptAt: number;

  constructor(
    private readonly limits: readonly RateLimit[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sweptAt = this.now();
  }

  /** Spends one token of every limit for `caller`, or spends nothing and says which limit refused it. */
  take(caller: string): Refusal | null {
    const now = this.now();
    if (now - this.sweptAt > IDLE_SWEEP_MS) this.sweep(now);
    const buckets = this.bucketsOf(caller, now);
    let refusal: Refusal | null = null;
    buckets.forEach((bucket, index) => {
      const limit = this.limits[index];
      bucket.tokens = Math.min(limit.limit, bucket.tokens + ((now - bucket.at) * limit.limit) / limit.windowMs);
      bucket.at = now;
      if (bucket.tokens >= 1) return;
      const retryAfterMs = ((1 - bucket.tokens) * limit.windowMs) / limit.limit;
      if (!refusal || retryAfterMs > refusal.retryAfterMs) refusal = { limit, retryAfterMs };
    });
    if (!refusal) for (const bucket of buckets) bucket.tokens -= 1;
    return refusal;
  }

  private bucketsOf(caller: string, now: number): Bucket[] {
    let buckets = this.buckets.get(caller);
    if (!buckets) {
      buckets = this.limits.map((limit) => ({ tokens: limit.limit, at: now }));
      this.buckets.set(caller, buckets);
    }
    return buckets;
  }

  /** Forgets the callers whose every bucket would be full again by now. */
  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [caller, buckets] of this.buckets) {
      const full = buckets.every(
        (bucket, index) =>
          bucket.tokens + ((now - bucket.at) * this.limits[index].limit) / this.limits[index].windowMs >=
          this.limits[index].limit,
      );
      if (full) this.buckets.delete(caller);
    }
  }
}
