import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { kurrentdb } from './kurrentdb-client';
import { withTimeout } from './with-timeout';

/**
 * The KurrentDB client in use, and its replacement after a call got no answer.
 *
 * A client whose server accepted the connection but never answered stays stuck on it forever:
 * it caches the unanswered server-features request that every append awaits, and grpc-js shares
 * one connection among all channels to the same address, so even a new client would reuse the
 * dead one while the old client's channel is open. So after a timeout the old client is closed
 * first (its streams and its channel: calls still running on it fail, subscriptions resubscribe),
 * and only then do calls get a new client, which opens a new connection.
 */
export class KurrentDbConnection {
  private current: KurrentDBClient;
  private replacing?: Promise<void>;

  constructor(
    private readonly connectionString: string,
    /** Bound on closing a client: a close that hangs is abandoned. */
    private readonly timeoutMs: number,
  ) {
    this.current = kurrentdb().KurrentDBClient.connectionString(connectionString);
  }

  /** The client now in place, even while it is being replaced (subscriptions resubscribe when it closes). */
  get client(): KurrentDBClient {
    return this.current;
  }

  /** The client for a call, once any replacement under way is done. */
  async acquire(): Promise<KurrentDBClient> {
    await this.replacing;
    return this.current;
  }

  /**
   * `client` left a call unanswered: close it and connect anew, once per client however many of
   * its calls timed out. Resolves when the new client is in place; never rejects.
   */
  replace(client: KurrentDBClient): Promise<void> {
    if (client !== this.current || this.replacing) return this.replacing ?? Promise.resolve();
    this.replacing = closeClient(client, this.timeoutMs).then(() => {
      this.current = kurrentdb().KurrentDBClient.connectionString(this.connectionString);
      this.replacing = undefined;
    });
    return this.replacing;
  }

  async close(): Promise<void> {
    await this.replacing;
    await closeClient(this.current, this.timeoutMs);
  }
}

/**
 * Closing the client's gRPC channel (reached past `protected`: the client offers no public way) lets
 * go of its connection; `dispose()` then ends its streams. A step that hangs is abandoned after `timeoutMs`.
 */
async function closeClient(client: KurrentDBClient, timeoutMs: number): Promise<void> {
  const channel = await withTimeout(() => client['getChannel'](), timeoutMs, 'KurrentDB channel').catch(
    () => undefined,
  );
  channel?.close();
  await withTimeout(() => client.dispose(), timeoutMs, 'KurrentDB dispose').catch(() => undefined);
}
