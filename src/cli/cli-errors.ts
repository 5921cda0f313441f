import { CommanderError } from 'commander';
import { InterruptedError, isHarnessError } from '../errors.js';

export const EXIT_GO = 0;
export const EXIT_NO_GO = 1;
export const EXIT_ERROR = 2;
export const EXIT_INTERRUPTED = 130;

/**
 * The only place errors reach the user. Known errors: one paragraph, no stack (unless --verbose).
 * Unknown errors: the full stack, since they are bugs. Either way the exit code is never "go".
 */
export function handleCliError(error: unknown, options: { verbose: boolean }): number {
  if (error instanceof CommanderError) {
    // Commander already printed help, the version or the usage error.
    return error.exitCode === 0 ? 0 : EXIT_ERROR;
  }
  if (error instanceof InterruptedError) {
    console.error('Interrupted; everything the run started has been removed.');
    return EXIT_INTERRUPTED;
  }
  if (isHarnessError(error)) {
    const hint = error.hint ? `\n${error.hint}` : '';
    console.error(`upgrade-harness: ${error.message}${hint}`);
    if (options.verbose) console.error(error.stack, error.cause ?? '');
    return EXIT_ERROR;
  }
  console.error(
    'upgrade-harness: an unexpected error stopped the run (a bug; please report it with this trace):',
  );
  console.error(error instanceof Error ? error.stack : error);
  return EXIT_ERROR;
}
