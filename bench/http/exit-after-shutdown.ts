/**
 * Preload of a service run under `node --cpu-prof`: V8 writes the profile when the process exits,
 * but Nest's shutdown hook ends by re-raising SIGTERM, which would kill the process before that.
 * With this listener present the re-raised signal is delivered here instead, and the process
 * exits normally once Nest has closed (or after 20 s at the latest).
 */
let received = 0;
process.on('SIGTERM', () => {
  received += 1;
  if (received > 1) process.exit(0);
  setTimeout(() => process.exit(0), 20_000).unref();
});
