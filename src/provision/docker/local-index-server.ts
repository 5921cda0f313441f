import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import finalhandler from 'finalhandler';
import serveStatic from 'serve-static';

/**
 * The host's package indexes that are folders (`file:///opt/pypi/simple`), served to an image build
 * over HTTP on the host's loopback, so a container installs from them without a copy of their
 * gigabytes in its build context. The build joins the host's network to reach them
 * (`networkMode`); nothing listens beyond 127.0.0.1, and the server lives only as long as the build.
 *
 * Each index is served from the folder above its `simple/` folder, since the pages of such an
 * index link to their files relative to it (`../../files/torch-….whl`).
 */
export interface LocalIndexes {
  /** The URL a build uses for a location: a served index's HTTP URL, anything else unchanged. */
  map(location: string): string;
  /** `host` while indexes are served (the build must share the host's loopback), else undefined. */
  networkMode: 'host' | undefined;
  close(): Promise<void>;
}

const isFileUrl = (location: string) => /^file:\/\//i.test(location);
const folderOf = (fileUrl: string) => path.resolve(fileURLToPath(fileUrl));

/** Serves every `file://` URL among `indexUrls`; serves nothing (and opens no port) when there is none. */
export async function serveLocalIndexes(indexUrls: readonly string[]): Promise<LocalIndexes> {
  const folders = [...new Set(indexUrls.filter(isFileUrl).map(folderOf))];
  if (folders.length === 0)
    return { map: (location) => location, networkMode: undefined, close: async () => {} };

  // One mount per index, /0/, /1/…, each serving the index folder's parent read-only.
  const mounts = folders.map((folder, index) => ({
    prefix: `/${index}`,
    serve: serveStatic(path.dirname(folder), { dotfiles: 'ignore', fallthrough: false, redirect: true }),
  }));
  const server: Server = createServer((request, response) => {
    const done = finalhandler(request, response);
    const url = request.url ?? '/';
    const mount = mounts.find(({ prefix }) => url.startsWith(`${prefix}/`));
    if (!mount || (request.method !== 'GET' && request.method !== 'HEAD')) {
      done(Object.assign(new Error('not an index of this build'), { status: 404 }));
      return;
    }
    request.url = url.slice(mount.prefix.length);
    mount.serve(request, response, done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  const served = new Map(
    folders.map((folder, index) => [
      folder,
      `http://127.0.0.1:${port}/${index}/${encodeURIComponent(path.basename(folder))}`,
    ]),
  );
  return {
    map: (location) => (isFileUrl(location) ? (served.get(folderOf(location)) ?? location) : location),
    networkMode: 'host',
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
