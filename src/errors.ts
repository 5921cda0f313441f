/** Stable codes for the failures a user can act on; the CLI prints these without a stack trace. */
export type HarnessErrorCode =
  | 'SCENARIO_INVALID'
  | 'FILE_NOT_FOUND'
  | 'PYTHON_NOT_FOUND'
  | 'PIP_CONFIG_INVALID'
  | 'ENGINE_UNREACHABLE'
  | 'BASE_IMAGE_MISSING'
  | 'REPORT_INVALID'
  | 'USAGE'
  | 'INTERRUPTED';

export interface HarnessErrorOptions {
  /** What the user can do about it, in one sentence. */
  hint?: string;
  cause?: unknown;
}

/** A failure caused by input or by the machine, explained well enough that no stack trace is needed. */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly hint: string | undefined;

  constructor(code: HarnessErrorCode, message: string, options: HarnessErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'HarnessError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}

/** Thrown when the run was cancelled through its AbortSignal (Ctrl-C, SIGTERM). */
export class InterruptedError extends HarnessError {
  constructor(reason = 'the run was interrupted') {
    super('INTERRUPTED', reason);
    this.name = 'InterruptedError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError();
}
