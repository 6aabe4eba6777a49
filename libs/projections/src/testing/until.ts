/** Polls `condition` every 10 ms until it holds; fails after `timeoutMs` rather than hanging a test. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((resolve) => setTimeout(resolve, 10)))
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
}
