import type * as GrpcJs from '@grpc/grpc-js';
import type * as KurrentDb from '@kurrent/kurrentdb-client';
import type * as SharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import type * as StreamsGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import type * as StreamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type * as ConvertGrpcEvent from '@kurrent/kurrentdb-client/dist/utils/convertGrpcEvent';

let loaded: typeof KurrentDb | undefined;

/**
 * The KurrentDB client library, loaded the first time a KurrentDB store uses it: loading it (gRPC,
 * protobuf) costs about 0.2 s of every start-up, which a deployment on the embedded SQLite store
 * should not pay. Modules here import its types only, and its values through this function.
 */
export function kurrentdb(): typeof KurrentDb {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (see above)
  loaded ??= require('@kurrent/kurrentdb-client') as typeof KurrentDb;
  return loaded;
}

/** The client's gRPC layer: grpc-js, its generated v1 messages and its event conversion. */
export type KurrentDbProtocol = Readonly<{
  grpc: typeof GrpcJs;
  shared: typeof SharedPb;
  streams: typeof StreamsPb;
  StreamsClient: typeof StreamsGrpc.StreamsClient;
  convertGrpcEvent: typeof ConvertGrpcEvent.convertGrpcEvent;
}>;

let protocol: KurrentDbProtocol | undefined;

/**
 * The client's gRPC layer, loaded like `kurrentdb()`: reads go through it (the client's own reads
 * take no deadline, see kurrentdb-reads.ts), and so does the deadline on its server-features call.
 */
export function kurrentdbProtocol(): KurrentDbProtocol {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily on purpose (see kurrentdb()) */
  protocol ??= {
    grpc: require('@grpc/grpc-js') as typeof GrpcJs,
    shared: require('@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb') as typeof SharedPb,
    streams: require('@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb') as typeof StreamsPb,
    StreamsClient: (
      require('@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb') as typeof StreamsGrpc
    ).StreamsClient,
    convertGrpcEvent: (require('@kurrent/kurrentdb-client/dist/utils/convertGrpcEvent') as typeof ConvertGrpcEvent)
      .convertGrpcEvent,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return protocol;
}
