import { HarnessError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { DockerSettings } from '../scenario/docker-settings-schema.js';
import { DockerBackend } from './docker/docker-backend.js';
import { connectEngine, engineAnswers } from './docker/docker-client.js';
import type { EnvironmentBackend } from './environment.js';
import { LocalBackend } from './local/local-backend.js';

export type BackendChoice = 'auto' | 'docker' | 'local';

// Long enough for a loaded local engine, short enough that `auto` without one is not noticed.
const PING_TIMEOUT_MS = 3000;

export interface BackendOptions {
  logger: Logger;
  runnersDir: string;
  env: NodeJS.ProcessEnv;
  /** The scenario's `docker:` section. */
  docker?: DockerSettings | undefined;
  /** Tells the person running the harness about a choice they did not make themselves. */
  notice?: ((line: string) => void) | undefined;
}

/** Picks the backend: `auto` takes Docker when an engine answers, else local virtualenvs. */
export async function selectBackend(
  choice: BackendChoice,
  options: BackendOptions,
): Promise<EnvironmentBackend> {
  const local = () =>
    new LocalBackend({ env: options.env, logger: options.logger, runnersDir: options.runnersDir });
  if (choice === 'local') return local();

  const engine = connectEngine(options.env);
  if (await engineAnswers(engine, PING_TIMEOUT_MS)) {
    return new DockerBackend({
      client: engine.client,
      env: options.env,
      logger: options.logger,
      runnersDir: options.runnersDir,
      settings: options.docker ?? { pidsLimit: 4096 },
    });
  }
  if (choice === 'auto') {
    options.logger.warn({ engine: engine.describe }, 'no Docker engine answered; using local virtualenvs');
    options.notice?.(
      `No Docker engine answered at ${engine.describe}; using local virtualenvs (backend auto).`,
    );
    return local();
  }
  throw new HarnessError(
    'ENGINE_UNREACHABLE',
    `No Docker engine answered at ${engine.describe} within ${PING_TIMEOUT_MS / 1000} s (--backend docker).`,
    {
      hint:
        'Start one (on Debian/Ubuntu, as root: `docker/ensure-engine.sh` from the harness package), ' +
        'or point DOCKER_HOST at a running engine (unix:///path/to/docker.sock or tcp://host:2375), ' +
        'or use --backend local.',
    },
  );
}
