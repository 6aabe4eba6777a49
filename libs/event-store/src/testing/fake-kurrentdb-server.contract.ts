import {
  Server,
  ServerCredentials,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { type Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import type { SupportedMethods } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import {
  appendedStream,
  appendSuccess,
  batchAppendSuccess,
  confirmationMessage,
  eventMessage,
  proposedEvent,
  receivedCall,
  selectForRead,
  streamNameOf,
  streamNotFoundMessage,
  supportedMethods,
  toServiceError,
  type FakeEvent,
  type FakeFailure,
  type ProposedEvent,
  type ReceivedCall,
} from './fake-kurrentdb-messages.contract';

export type { ReceivedCall } from './fake-kurrentdb-messages.contract';

/** How the fake server answers a kind of call: properly, never (the call hangs), or with a gRPC failure. */
export type FakeReply = 'answer' | 'silent' | FakeFailure;

const POSITION_STEP = 100;

/**
 * An in-process KurrentDB for fault tests: the v1 gRPC services the client uses (ServerFeatures,
 * Streams.Read for reads and subscriptions, Streams.Append or BatchAppend), on 127.0.0.1 and a free
 * port, over an in-memory log. A test sets how each kind of call is answered and reads back every
 * call it got. A failed batch append fails the whole BatchAppend stream (a real server answers with a
 * status per append): failures are tested with Append calls.
 */
export class FakeKurrentDbServer {
  readonly calls: ReceivedCall[] = [];
  features: FakeReply = 'answer';
  reads: FakeReply = 'answer';
  appends: FakeReply = 'answer';
  /**
   * Whether the server says it supports BatchAppend, as every KurrentDB since 21.10 does: the
   * client then appends over one shared stream per connection; without it, one Append call each.
   */
  batchAppends = false;
  /** How long the server takes to answer an append it answers. */
  appendDelayMs = 0;
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
      batchAppend: fake.batchAppend,
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
    this.calls.push(receivedCall(method, deadline, options));
  }

  private readonly getSupportedMethods = (
    call: ServerUnaryCall<Empty, SupportedMethods>,
    done: sendUnaryData<SupportedMethods>,
  ) => {
    this.record('features', call.getDeadline());
    if (this.features === 'silent') return;
    if (this.features !== 'answer') return done(toServiceError(this.features));
    done(null, supportedMethods(this.batchAppends));
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
      const [header, ...proposed] = messages;
      const events = proposed.map((message) => proposedEvent(message.getProposedMessage()));
      this.answerAppend((failure, last) =>
        failure ? done(toServiceError(failure)) : done(null, appendSuccess(last())),
      )(appendedStream(header), events);
    });
  };

  /** One stream for all appends of a client; each append's deadline is in its first message. */
  private readonly batchAppend = (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, { stream: string; events: ProposedEvent[] }>();
    call.on('data', (message: BatchAppendReq) => {
      const id = message.getCorrelationId()?.getString() ?? '';
      const options = message.getOptions();
      if (options) this.record('append', options.getDeadline21100()?.toDate() ?? Infinity);
      const batch = pending.get(id) ?? { stream: streamNameOf(options?.getStreamIdentifier()), events: [] };
      batch.events.push(...message.getProposedMessagesList().map(proposedEvent));
      pending.set(id, batch);
      if (!message.getIsFinal()) return;
      pending.delete(id);
      this.answerAppend((failure, last) =>
        failure ? call.emit('error', toServiceError(failure)) : call.write(batchAppendSuccess(id, last())),
      )(batch.stream, batch.events);
    });
  };

  /** Answers an append as `appends` says, after `appendDelayMs`; storing it tells subscribers. */
  private answerAppend(
    answer: (failure: FakeFailure | undefined, stored: () => FakeEvent) => void,
  ): (stream: string, events: readonly ProposedEvent[]) => void {
    return (stream, events) => {
      const reply = this.appends;
      if (reply === 'silent') return;
      if (reply !== 'answer') return answer(reply, () => this.log[this.log.length - 1]);
      setTimeout(() => answer(undefined, () => this.store(stream, events)), this.appendDelayMs);
    };
  }

  /** Appends what the client proposed (the expected revision is not checked); returns the last event. */
  private store(streamName: string, proposed: readonly ProposedEvent[]): FakeEvent {
    let revision = this.log.filter((event) => event.streamName === streamName).length;
    for (const proposal of proposed) {
      const event = { ...proposal, streamName, revision: revision++, position: (this.log.length + 1) * POSITION_STEP };
      this.log.push(event);
      for (const subscriber of this.subscribers) subscriber.write(eventMessage(event));
    }
    return this.log[this.log.length - 1];
  }
}
