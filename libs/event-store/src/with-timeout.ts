import { StoreTimeoutError } from './event-store.errors';

/**
 * Runs `operation` but gives up after `timeoutMs` with a `StoreTimeoutError`. The abandoned
 * operation keeps running; a late failure of it is swallowed so it cannot crash the process.
 */
export async function withTimeout<T>(operation: () => Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const running = new Promise<T>((resolve) => resolve(operation()));
  running.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
