import { connect, createServer, type Server } from 'node:net';

/**
 * Listens on 127.0.0.1 (a free port) and forwards each connection to `targetHost:targetPort`.
 * Containers sit on an internal network, on which the engine publishes no ports; the host still
 * routes to that network's bridge, so the harness forwards itself (a local engine is needed).
 */
export async function forwardPort(
  targetHost: string,
  targetPort: number,
): Promise<{ hostPort: number; server: Server }> {
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  const hostPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return { hostPort, server };
}
