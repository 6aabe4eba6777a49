/**
 * The share of the time a scheduled signing round works: after each stretch of work (a page of
 * the log, a commit) it pauses twice as long. A minutely round after a busy minute (~170,000
 * events on the 1M-event store) otherwise took half a core (~1.1 s of CPU every 2 s) for ~18 s,
 * on a 2-core machine, from the requests it shares the cores with, background priority
 * notwithstanding: the submissions of the 10 s that it fell in ran at ×0.64–0.85 of those around
 * them (thirteen probes, 2026-12-07). At a third of the time it still signs ~4,000 events a second
 * there, more than that load appends (~2,800), so it keeps up; a periodic round still under way
 * at the next interval goes on without pauses (DigestScheduler). A sign asked for on demand
 * (POST /v1/admin/audit/digests) works without pauses.
 */
export const SCHEDULED_ROUND_DUTY = 1 / 3;

/** How long to pause after `busyMs` of work so that the work is `duty` of the time (0 < duty ≤ 1). */
export function idleAfter(busyMs: number, duty: number): number {
  if (!(duty > 0 && duty <= 1)) throw new RangeError(`A signing duty is a share of the time in (0, 1], not ${duty}`);
  return Math.max(0, busyMs) * (1 / duty - 1);
}
