import type { AllStreamResolvedEvent, KurrentDBClient, ReadPosition, ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { kurrentdb, kurrentdbProtocol } from './kurrentdb-client';
import { StreamNotFoundError } from './event-store.errors';

/** A read of one stream, forwards from a revision. */
export type StreamRead = Readonly<{ stream: string; fromRevision: number; maxCount: number }>;

/** A read of `$all` from a position, limited to the streams whose names start with `prefixes` (all if absent). */
export type AllRead = Readonly<{
  from: ReadPosition;
  backwards?: boolean;
  maxCount: number;
  prefixes?: readonly string[];
}>;

/**
 * Reads through the client's gRPC channel (`Streams.Read`, as the client's subscriptions do) with a
 * gRPC deadline at `deadlineAt` (epoch ms). The client's own `readStream`/`readAll` go through its
 * native reader (the Rust bridge), which sends no deadline at all and cannot be cancelled: a read
 * the adapter gave up on would keep running on the server, and in the process, for ever.
 */
export class KurrentDbReader {
  constructor(private readonly client: KurrentDBClient) {}

  async stream(read: StreamRead, deadlineAt: number): Promise<ResolvedEvent[]> {
    const { streams, shared } = kurrentdbProtocol();
    const options = new streams.ReadReq.Options();
    const stream = new streams.ReadReq.Options.StreamOptions();
    stream.setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(read.stream, 'utf8')));
    stream.setRevision(String(read.fromRevision));
    options.setStream(stream);
    options.setNoFilter(new shared.Empty());
    return execute(this.client, request(options, read.maxCount, false), deadlineAt, read.stream);
  }

  async all(read: AllRead, deadlineAt: number): Promise<AllStreamResolvedEvent[]> {
    const { streams, shared } = kurrentdbProtocol();
    const options = new streams.ReadReq.Options();
    const all = new streams.ReadReq.Options.AllOptions();
    if (read.from === kurrentdb().START) all.setStart(new shared.Empty());
    else if (read.from === kurrentdb().END) all.setEnd(new shared.Empty());
    else {
      const position = new streams.ReadReq.Options.Position();
      position.setCommitPosition(read.from.commit.toString(10));
      position.setPreparePosition(read.from.prepare.toString(10));
      all.setPosition(position);
    }
    options.setAll(all);
    if (read.prefixes) {
      const filter = new streams.ReadReq.Options.FilterOptions();
      const expression = new streams.ReadReq.Options.FilterOptions.Expression().setPrefixList([...read.prefixes]);
      filter.setStreamIdentifier(expression);
      filter.setCount(new shared.Empty());
      filter.setCheckpointintervalmultiplier(1);
      options.setFilter(filter);
    } else options.setNoFilter(new shared.Empty());
    const req = request(options, read.maxCount, read.backwards ?? false);
    return (await execute(this.client, req, deadlineAt)) as AllStreamResolvedEvent[];
  }
}

function request(options: ReadReq.Options, maxCount: number, backwards: boolean): ReadReq {
  const { streams, shared } = kurrentdbProtocol();
  const { BACKWARDS, FORWARDS } = streams.ReadReq.Options.ReadDirection;
  options.setReadDirection(backwards ? BACKWARDS : FORWARDS);
  options.setResolveLinks(false);
  options.setCount(String(Math.max(1, maxCount)));
  options.setUuidOption(new streams.ReadReq.Options.UUIDOption().setString(new shared.Empty()));
  return new streams.ReadReq().setOptions(options);
}

/**
 * One `Streams.Read` call through the client's `execute` (its channel, its credentials, and its
 * reconnection when the server is unavailable); a read of a missing stream ends in StreamNotFoundError.
 */
async function execute(
  client: KurrentDBClient,
  req: ReadReq,
  deadlineAt: number,
  stream?: string,
): Promise<ResolvedEvent[]> {
  const { StreamsClient, convertGrpcEvent } = kurrentdbProtocol();
  return client['execute'](StreamsClient, 'read', async (grpc) => {
    const call = grpc.read(req, ...client['callArguments']({}, { deadline: new Date(deadlineAt) }));
    const events: ResolvedEvent[] = [];
    try {
      for await (const resp of call as AsyncIterable<ReadResp>) {
        if (resp.hasStreamNotFound()) {
          call.cancel();
          throw new StreamNotFoundError(stream ?? '$all');
        }
        const event = resp.getEvent();
        if (event) events.push(convertGrpcEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw error;
      throw error instanceof Error ? kurrentdb().convertToCommandError(error) : error;
    }
    return events;
  });
}
