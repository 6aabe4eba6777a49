import { createServer } from 'node:net';

/** A free loopback port (bound and released at once), for a service started next and reused across its restarts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port was assigned')),
      );
    });
  });
}
