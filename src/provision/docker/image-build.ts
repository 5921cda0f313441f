import { createWriteStream } from 'node:fs';
import type Docker from 'dockerode';
import tar from 'tar-fs';
import { throwIfAborted } from '../../errors.js';

export type BuildOutcome =
  | { status: 'built' }
  /** pip's step failed: a finding about the dependency set, with everything pip printed. */
  | { status: 'pip-failed'; pipOutput: string };

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

// The lines of a build worth showing a person as it goes: each step, and what pip fetches and installs.
const PROGRESS_LINE = /^(Step \d+\/\d+ : |Collecting |Successfully installed )/;

/**
 * Builds `contextDir` as `tag` with the classic builder (never `pull`: it would contact a registry
 * for a base image the engine has). Output streams to `logFile`, and its steps to `progress`. A failure of the pip step is a
 * result; any other failure (a broken base image, the engine) is thrown.
 */
export async function buildImage(options: {
  client: Docker;
  contextDir: string;
  tag: string;
  labels: Record<string, string>;
  pipStep: string;
  /** The build's network (`host` to reach indexes served on the host's loopback); the engine's default when unset. */
  networkMode?: 'host' | undefined;
  logFile: string;
  progress?: ((line: string) => void) | undefined;
  signal: AbortSignal;
}): Promise<BuildOutcome> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const stream = await options.client.buildImage(
    tar.pack(options.contextDir) as unknown as NodeJS.ReadableStream,
    {
      t: options.tag,
      labels: options.labels,
      rm: true,
      forcerm: true,
      ...(options.networkMode ? { networkmode: options.networkMode } : {}),
    },
  );
  // Closing the connection makes the engine cancel the build and remove its intermediate container.
  const cancel = () => (stream as unknown as { destroy(): void }).destroy();
  options.signal.addEventListener('abort', cancel, { once: true });

  let inPipStep = false;
  let pipOutput = '';
  let failure: string | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      options.client.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: BuildEvent) => {
          const text = event.stream ?? '';
          if (/^Step \d+\/\d+ : /.test(text)) inPipStep = text.includes(options.pipStep);
          else if (inPipStep) pipOutput += text;
          if (text) log.write(text);
          if (PROGRESS_LINE.test(text)) options.progress?.(text.trim());
          if (event.error) {
            failure = event.errorDetail?.message ?? event.error;
            log.write(`${failure}\n`);
          }
        },
      );
    });
  } catch (error) {
    throwIfAborted(options.signal);
    throw error;
  } finally {
    options.signal.removeEventListener('abort', cancel);
    await new Promise((resolve) => log.end(resolve));
  }
  throwIfAborted(options.signal);

  if (failure === undefined) return { status: 'built' };
  if (inPipStep) return { status: 'pip-failed', pipOutput };
  throw new Error(`docker build of ${options.tag} failed outside pip: ${failure}`);
}
