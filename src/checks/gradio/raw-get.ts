import http from 'node:http';

/**
 * GET with the path sent exactly as given. fetch() would resolve `..` segments and decode `%2E`
 * before sending (WHATWG URL rules), which hides the very traversal a probe is about.
 */
export function rawGet(hostPort: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port: hostPort, path: rawPath, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          // A probe needs only enough to find the canary; never hold a large file in memory.
          if (size < 64 * 1024) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`GET ${rawPath} timed out`)));
    request.on('error', reject);
  });
}
