import { Metadata, type ServerErrorResponse } from '@grpc/grpc-js';
import {
  SupportedMethod,
  SupportedMethods,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  UUID,
  StreamIdentifier,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import {
  type AppendReq,
  AppendResp,
  type BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';

/** An event as the fake server stores it: its log position is both its commit and prepare position. */
export type FakeEvent = Readonly<{
  streamName: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  data: Buffer;
}>;

/** A gRPC failure as KurrentDB sends it: a status code, and the `exception` trailers the client reads. */
export type FakeFailure = Readonly<{ code: number; details: string; trailers?: Record<string, string> }>;

/**
 * A call the server received, how long it had left before its gRPC deadline (Infinity: none), and
 * for a read of `$all` the stream-name prefixes it was filtered on.
 */
export type ReceivedCall = Readonly<{
  method: 'features' | 'read' | 'subscribe' | 'append';
  deadlineMs: number;
  prefixes?: readonly string[];
}>;

export function receivedCall(
  method: ReceivedCall['method'],
  deadline: Date | number,
  options?: ReadReq.Options,
): ReceivedCall {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  const prefixes = options?.getFilter()?.getStreamIdentifier()?.getPrefixList();
  return { method, deadlineMs: at === Infinity ? Infinity : at - Date.now(), ...(prefixes ? { prefixes } : {}) };
}

/** What the server says it supports: reads and appends, and BatchAppend if `batchAppends`. */
export function supportedMethods(batchAppends: boolean): SupportedMethods {
  const names = batchAppends ? ['read', 'append', 'batchappend'] : ['read', 'append'];
  const method = (name: string) =>
    new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name);
  return new SupportedMethods().setEventStoreServerVersion('25.0.0').setMethodsList(names.map(method));
}

/** .NET ticks (100 ns since 0001-01-01) of the Unix epoch: what KurrentDB sends as `created`. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

export function toServiceError({ code, details, trailers = {} }: FakeFailure): ServerErrorResponse {
  const metadata = new Metadata();
  Object.entries(trailers).forEach(([key, value]) => metadata.set(key, value));
  return Object.assign(new Error(details), { code, details, metadata });
}

export function eventMessage(event: FakeEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamName, 'utf8')))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(Buffer.from('{}'));
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', 'application/json')
    .set('created', String(EPOCH_TICKS + BigInt(Date.now()) * 10_000n));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setNoPosition(new Empty()));
}

export const confirmationMessage = (): ReadResp =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId('fake'));

export const streamNotFoundMessage = (streamName: string): ReadResp =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName))),
  );

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? []).toString('utf8');

/** The events a read asks for, from the fake server's log in position order. */
export function selectForRead(log: readonly FakeEvent[], options: ReadReq.Options): FakeEvent[] | 'not-found' {
  const count = Number(options.getCount());
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const stream = options.getStream();
  if (stream) {
    const name = streamNameOf(stream.getStreamIdentifier());
    const events = log.filter((event) => event.streamName === name);
    if (events.length === 0) return 'not-found';
    const from = stream.hasStart() ? 0 : Number(stream.getRevision());
    return events.filter((event) => event.revision >= from).slice(0, count);
  }
  const prefixes = options.getFilter()?.getStreamIdentifier()?.getPrefixList();
  const all = options.getAll();
  const own = log.filter((event) => !prefixes || prefixes.some((prefix) => event.streamName.startsWith(prefix)));
  if (backwards) return own.reverse().slice(0, count);
  const after = all?.hasPosition() ? Number(all.getPosition()?.getCommitPosition()) : -1;
  return own.filter((event) => event.position >= after).slice(0, count);
}

/** The header of an append (its first message): the stream it appends to. */
export const appendedStream = (header: AppendReq | undefined): string =>
  streamNameOf(header?.getOptions()?.getStreamIdentifier());

/** An event as an append proposes it. */
export type ProposedEvent = Readonly<{ id: string; type: string; data: Buffer }>;

export function proposedEvent(
  message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage | undefined,
): ProposedEvent {
  return {
    id: message?.getId()?.getString() ?? '',
    type: message?.getMetadataMap().get('type') ?? '',
    data: Buffer.from(message?.getData_asU8() ?? []),
  };
}

/** Success of an Append call whose last event is `last`. */
export function appendSuccess(last: FakeEvent): AppendResp {
  const position = new AppendResp.Position()
    .setCommitPosition(String(last.position))
    .setPreparePosition(String(last.position));
  return new AppendResp().setSuccess(
    new AppendResp.Success().setCurrentRevision(String(last.revision)).setPosition(position),
  );
}

/** Success of the append `correlationId` on a BatchAppend stream, whose last event is `last`. */
export function batchAppendSuccess(correlationId: string, last: FakeEvent): BatchAppendResp {
  const position = new AllStreamPosition()
    .setCommitPosition(String(last.position))
    .setPreparePosition(String(last.position));
  return new BatchAppendResp()
    .setCorrelationId(new UUID().setString(correlationId))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(last.streamName)))
    .setSuccess(new BatchAppendResp.Success().setCurrentRevision(String(last.revision)).setPosition(position));
}
