import { readFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';

/** Where the engine is, as the user would name it in an error message. */
export interface EngineAddress {
  client: Docker;
  /** `unix:///var/run/docker.sock` or `tcp://host:2375`. */
  describe: string;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * The one place dockerode is constructed. `DOCKER_HOST` is honoured (unix:// and tcp://; with
 * `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH`, tcp goes over TLS as the docker CLI does).
 */
export function connectEngine(env: NodeJS.ProcessEnv): EngineAddress {
  const host = env.DOCKER_HOST?.trim();
  if (!host || host.startsWith('unix://')) {
    const socketPath = host ? host.slice('unix://'.length) : DEFAULT_SOCKET;
    return { client: new Docker({ socketPath }), describe: `unix://${socketPath}` };
  }

  const url = new URL(host.replace(/^tcp:/, 'http:'));
  const tls =
    env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const client = new Docker({
    host: url.hostname,
    port: url.port || (tls ? '2376' : '2375'),
    protocol: tls ? 'https' : 'http',
    ...(tls && env.DOCKER_CERT_PATH ? certificates(env.DOCKER_CERT_PATH) : {}),
  });
  return { client, describe: host };
}

function certificates(dir: string): { ca: string; cert: string; key: string } {
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/** Whether an engine answers `/_ping` within `timeoutMs`. Never throws. */
export async function engineAnswers(engine: EngineAddress, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = engine.client.ping().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
