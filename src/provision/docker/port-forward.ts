import { connect, createServer, type Server } from 'node:net';

/**
 * Listens on a free 127.0.0.1 port and forwards each connection to the same port of `targetHost`.
 * Containers sit on an internal network, on which the engine publishes no ports; the host still
 * routes to that network's bridge, so the harness forwards itself (a local engine is needed).
 * The port is the same on both ends because servers such as gradio 5 build URLs from the Host header
 * the browser sent and fetch them themselves: a URL with another port would point nowhere inside.
 */
export async function forwardPort(targetHost: string): Promise<{ hostPort: number; server: Server }> {
  let targetPort = 0;
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
  targetPort = hostPort;
  return { hostPort, server };
}
