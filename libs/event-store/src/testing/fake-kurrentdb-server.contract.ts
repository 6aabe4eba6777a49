import {
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { type Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import {
  type AppendReq,
  AppendResp,
  type ReadReq,
  type ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import {
  appendedStream,
  confirmationMessage,
  eventMessage,
  proposedEvent,
  selectForRead,
  streamNotFoundMessage,
  toServiceError,
  type FakeEvent,
  type FakeFailure,
} from './fake-kurrentdb-messages.contract';

/** How the fake server answers a kind of call: properly, never (the call hangs), or with a gRPC failure. */
export type FakeReply = 'answer' | 'silent' | FakeFailure;

/**
 * A call the server received, how long it had left before its gRPC deadline (Infinity: none), and
 * for a read of `$all` the stream-name prefixes it was filtered on.
 */
export type ReceivedCall = Readonly<{
  method: 'features' | 'read' | 'subscribe' | 'append';
  deadlineMs: number;
  prefixes?: readonly string[];
}>;

const POSITION_STEP = 100;

/**
 * An in-process KurrentDB for fault tests: the v1 gRPC services the client uses (ServerFeatures,
 * Streams.Read for reads and subscriptions, Streams.Append), on 127.0.0.1 and a free port, over an
 * in-memory log. A test sets how each kind of call is answered and reads back every call it got.
 * It advertises no BatchAppend, so the client appends with `Streams.Append`, one call per append.
 */
export class FakeKurrentDbServer {
  readonly calls: ReceivedCall[] = [];
  features: FakeReply = 'answer';
  reads: FakeReply = 'answer';
  appends: FakeReply = 'answer';
  private readonly log: FakeEvent[] = [];
  private readonly subscribers = new Set<ServerWritableStream<ReadReq, ReadResp>>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeKurrentDbServer> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const fake = new FakeKurrentDbServer(server, port);
    server.addService(ServerFeaturesService, { getSupportedMethods: fake.getSupportedMethods });
    server.addService(StreamsService, {
      read: fake.read,
      append: fake.append,
      delete: () => undefined,
      tombstone: () => undefined,
      batchAppend: () => undefined,
    });
    return fake;
  }

  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Subscriptions open on the server right now. */
  get liveSubscriptions(): number {
    return this.subscribers.size;
  }

  /** Ends every open subscription call from the server's side, with an OK status. */
  endSubscriptions(): void {
    for (const call of this.subscribers) call.end();
    this.subscribers.clear();
  }

  stop(): void {
    this.subscribers.clear();
    this.server.forceShutdown();
  }

  private record(method: ReceivedCall['method'], deadline: Date | number, options?: ReadReq.Options): void {
    const at = deadline instanceof Date ? deadline.getTime() : deadline;
    const prefixes = options?.getFilter()?.getStreamIdentifier()?.getPrefixList();
    this.calls.push({
      method,
      deadlineMs: at === Infinity ? Infinity : at - Date.now(),
      ...(prefixes ? { prefixes } : {}),
    });
  }

  private readonly getSupportedMethods = (
    call: ServerUnaryCall<Empty, SupportedMethods>,
    done: sendUnaryData<SupportedMethods>,
  ) => {
    this.record('features', call.getDeadline());
    if (this.features === 'silent') return;
    if (this.features !== 'answer') return done(toServiceError(this.features));
    const method = (name: string) =>
      new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name);
    done(
      null,
      new SupportedMethods().setEventStoreServerVersion('25.0.0').setMethodsList([method('read'), method('append')]),
    );
  };

  private readonly read = (call: ServerWritableStream<ReadReq, ReadResp>) => {
    const options = call.request.getOptions();
    if (!options) return void call.emit('error', new Error('a read without options'));
    if (options.hasSubscription()) {
      this.record('subscribe', call.getDeadline(), options);
      call.write(confirmationMessage());
      const after = Number(options.getAll()?.getPosition()?.getCommitPosition() ?? 0);
      this.log.filter((event) => event.position > after).forEach((event) => call.write(eventMessage(event)));
      this.subscribers.add(call);
      call.on('cancelled', () => this.subscribers.delete(call));
      return;
    }
    this.record('read', call.getDeadline(), options);
    if (this.reads === 'silent') return;
    if (this.reads !== 'answer') return void call.emit('error', toServiceError(this.reads));
    const events = selectForRead(this.log, options);
    if (events === 'not-found') call.write(streamNotFoundMessage(''));
    else events.forEach((event) => call.write(eventMessage(event)));
    call.end();
  };

  private readonly append = (call: ServerReadableStream<AppendReq, AppendResp>, done: sendUnaryData<AppendResp>) => {
    this.record('append', call.getDeadline());
    const messages: AppendReq[] = [];
    call.on('data', (message: AppendReq) => messages.push(message));
    call.on('end', () => {
      if (this.appends === 'silent') return;
      if (this.appends !== 'answer') return done(toServiceError(this.appends));
      done(null, this.store(messages));
    });
  };

  /** Appends what the client proposed (the expected revision is not checked) and tells subscribers. */
  private store([header, ...proposed]: readonly AppendReq[]): AppendResp {
    const streamName = appendedStream(header);
    let revision = this.log.filter((event) => event.streamName === streamName).length;
    for (const message of proposed) {
      const proposal = proposedEvent(message.getProposedMessage() as AppendReq.ProposedMessage);
      const position = (this.log.length + 1) * POSITION_STEP;
      const event = { ...proposal, streamName, revision: revision++, position };
      this.log.push(event);
      for (const subscriber of this.subscribers) subscriber.write(eventMessage(event));
    }
    const last = this.log[this.log.length - 1];
    const position = new AppendResp.Position()
      .setCommitPosition(String(last.position))
      .setPreparePosition(String(last.position));
    return new AppendResp().setSuccess(
      new AppendResp.Success().setCurrentRevision(String(revision - 1)).setPosition(position),
    );
  }
}
