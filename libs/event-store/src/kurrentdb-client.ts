import type * as KurrentDb from '@kurrent/kurrentdb-client';

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
