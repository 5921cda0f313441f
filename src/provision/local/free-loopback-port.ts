import { createServer } from 'node:net';

/**
 * A TCP port that is free on 127.0.0.1 right now, chosen by the kernel. Another process could take it
 * before the caller binds it; the window is short and a failed bind shows in the service's own log.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('the kernel gave no port'))));
    });
  });
}
