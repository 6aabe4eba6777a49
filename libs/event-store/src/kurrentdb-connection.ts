import type { Interceptor, InterceptorOptions, NextCall, StatusObject } from '@grpc/grpc-js';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { StoreTimeoutError } from './event-store.errors';
import type { StreamName } from './event-store.port';
import { kurrentdb, kurrentdbProtocol } from './kurrentdb-client';
import { neverStarted, toStoreError } from './kurrentdb-mapping';
import { withTimeout } from './with-timeout';

/** The one gRPC method the client calls on its own, before the first append, without a deadline. */
const SERVER_FEATURES_PATH = '/event_store.client.server_features.ServerFeatures/GetSupportedMethods';

/** How long after a call's deadline the adapter gives up on a client that did not enforce it. */
const BACKSTOP_GRACE_MS = 250;

type GrpcClientConstructor = new (address: null, credentials: null, options: object) => unknown;

/**
 * The store's one KurrentDB client, for its whole life: a call that gets no answer in time fails
 * on its own gRPC deadline, and nothing else (no subscription, no other call) is touched by it.
 * The client asks the server which methods it supports before its first append, with no deadline,
 * and keeps the failure for ever if that request fails any other way than 'unavailable'. So that
 * request gets the store's deadline here, and a missed deadline is reported to the client as
 * 'unavailable': the client then drops its channel and asks again on a new connection at the next
 * append. A call that misses its deadline on a channel that never connected drops it too
 * (`dropIfNotConnected`). A connection that goes silent once connected is dropped by gRPC keepalive
 * (the connection string's `keepAliveInterval` and `keepAliveTimeout`, 10 s each by default); calls
 * fail on their deadlines meanwhile, and nothing else is touched.
 */
export class KurrentDbConnection {
  readonly client: KurrentDBClient;

  constructor(
    connectionString: string,
    /** The deadline of the server-features request, and the bound on closing the client. */
    private readonly timeoutMs: number,
  ) {
    const client = kurrentdb().KurrentDBClient.connectionString(connectionString);
    const interceptors = [featuresDeadline(timeoutMs)];
    // The client builds its gRPC stubs here (a private member): the same, with the interceptor.
    client['createGRPCClient'] = async (GrpcClient: GrpcClientConstructor) =>
      new GrpcClient(null, null, { channelOverride: await client['getChannel'](), interceptors });
    this.client = client;
  }

  /**
   * Runs one call with a gRPC deadline (`deadlineAt`, epoch ms) `timeoutMs` from now, so that the
   * server stops working on it when the caller is told it failed, and translates its failure into
   * the port's errors. The client enforces the deadline; `withTimeout`, `BACKSTOP_GRACE_MS` later,
   * only catches a call that would outlive it. A call that never left the process (its channel was
   * dropped first) is made again on the new channel, within the same deadline. A missed deadline
   * drops the channel only if it never connected; nothing else is touched.
   */
  async call<T>(
    what: string,
    stream: StreamName | undefined,
    operation: (deadlineAt: number) => Promise<T>,
  ): Promise<T> {
    const deadlineAt = Date.now() + this.timeoutMs;
    for (;;) {
      try {
        return await withTimeout(() => operation(deadlineAt), deadlineAt + BACKSTOP_GRACE_MS - Date.now(), what);
      } catch (error) {
        if (neverStarted(error) && Date.now() < deadlineAt) continue;
        const mapped = toStoreError(error, stream);
        if (!(mapped instanceof StoreTimeoutError)) throw mapped;
        void this.dropIfNotConnected();
        throw new StoreTimeoutError(`${what}: no answer within ${this.timeoutMs} ms`, { cause: mapped });
      }
    }
  }

  /**
   * Waits for the client's server-features request (made once per connection). On failure, the
   * client's own error handler runs after the rejection reaches us: the failure is passed on only
   * after that turn, once the client has dropped the failed channel, so that the next call asks again.
   */
  async serverFeatures(): Promise<void> {
    try {
      await this.client['capabilities'];
    } catch (error) {
      await new Promise((resolve) => setImmediate(resolve));
      throw error;
    }
  }

  /**
   * After a call missed its deadline: when the client's channel has no working connection (it is
   * still connecting, e.g. to a server that accepted TCP and never answered, or it failed), drop it
   * through the client's own reconnection, so that the next call connects anew: no call can be live
   * on a channel that never connected. A connected channel (a slow server) is left alone, with every
   * call and subscription on it. Never rejects.
   */
  async dropIfNotConnected(): Promise<void> {
    const { connectivityState, status } = kurrentdbProtocol().grpc;
    const channel = await this.client['getChannel']().catch(() => undefined);
    if (!channel || channel.getConnectivityState(false) === connectivityState.READY) return;
    const unconnected = Object.assign(new Error('KurrentDB: no connection to the server'), {
      code: status.UNAVAILABLE,
    });
    await this.client['handleError']({ getChannel: () => channel } as never, unconnected).catch(() => undefined);
  }

  /**
   * Ends the client's streams (`dispose()`) and closes its gRPC channel (reached past `protected`:
   * the client offers no public way). A step that hangs is abandoned after `timeoutMs`.
   */
  async close(): Promise<void> {
    const channel = await withTimeout(() => this.client['getChannel'](), this.timeoutMs, 'KurrentDB channel').catch(
      () => undefined,
    );
    await withTimeout(() => this.client.dispose(), this.timeoutMs, 'KurrentDB dispose').catch(() => undefined);
    channel?.close();
  }
}

/** Gives the server-features request a deadline of `timeoutMs`, and reports its miss as 'unavailable'. */
export function featuresDeadline(timeoutMs: number): Interceptor {
  return (options: InterceptorOptions, nextCall: NextCall) => {
    const { InterceptingCall, status } = kurrentdbProtocol().grpc;
    if (options.method_definition.path !== SERVER_FEATURES_PATH) return new InterceptingCall(nextCall(options));
    const deadline = Date.now() + timeoutMs;
    return new InterceptingCall(nextCall({ ...options, deadline }), {
      start: (metadata, _listener, next) =>
        next(metadata, {
          onReceiveStatus: (received: StatusObject, nextStatus: (status: StatusObject) => void) =>
            nextStatus(
              received.code === status.DEADLINE_EXCEEDED
                ? {
                    ...received,
                    code: status.UNAVAILABLE,
                    details: `KurrentDB did not say which methods it supports within ${timeoutMs} ms`,
                  }
                : received,
            ),
        }),
    });
  };
}
