import { type DestinationStream, type Logger, multistream, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Debug logs are written only when true; they cost nothing otherwise. */
  verbose?: boolean;
  /** Where structured logs are kept for later queries, e.g. `<out>/harness.log`. */
  destination?: DestinationStream;
  /** With `verbose`, logs are mirrored to this stream (stderr by default). */
  mirror?: NodeJS.WritableStream;
}

const REDACTED_PATHS = [
  'env.PIP_INDEX_URL',
  'env.PIP_EXTRA_INDEX_URL',
  '*.password',
  '*.token',
  '*.authorization',
];

/** The harness's root logger; subsystems take children with `logger.child({ subsystem })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.verbose ? 'debug' : 'info';
  const streams: { stream: DestinationStream | NodeJS.WritableStream; level: 'debug' | 'info' }[] = [];
  if (options.destination) streams.push({ stream: options.destination, level });
  if (options.verbose) streams.push({ stream: options.mirror ?? process.stderr, level });
  if (streams.length === 0) return pino({ level: 'silent' });
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, multistream(streams));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
