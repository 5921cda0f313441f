import { throwIfAborted } from '../../errors.js';
import '../../dispose-polyfill.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExecResult, PythonEnvironment } from '../../provision/environment.js';
import { fetchConfig, type GradioConfig } from './gradio-routes.js';

export interface LaunchRequest {
  environment: PythonEnvironment;
  /** The app file relative to the workdir, and the module attribute to launch. */
  app: string;
  object: string;
  allowedPaths: readonly string[];
  readyTimeoutSeconds: number;
  /** Upper bound on the app's whole life, so a forgotten app cannot outlive the check. */
  lifetimeSeconds: number;
  /** Host file that receives the app's output. */
  logFile: string;
  signal: AbortSignal;
}

/** A running gradio app, reachable from the host; disposing it kills its process group. */
export interface RunningApp extends AsyncDisposable {
  readonly baseUrl: string;
  readonly hostPort: number;
  readonly config: GradioConfig;
}

export class AppLaunchError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(message);
    this.name = 'AppLaunchError';
  }
}

const POLL_INTERVAL_MS = 250;

/**
 * Starts the app through `runners/gradio_launch.py` inside the environment and waits until GET /config
 * answers (the one route at the root on gradio 4 and 5). The process is stopped whatever happens:
 * when it never becomes ready, when the run is interrupted, and when the caller disposes it.
 */
export async function launchApp(request: LaunchRequest): Promise<RunningApp> {
  const { environment } = request;
  const { portInside, hostPort } = await environment.servicePort();
  // Inside a container the app must listen on every interface for the published port to reach it.
  const host = environment.backend === 'docker' ? '0.0.0.0' : '127.0.0.1';
  const stop = new AbortController();
  const signal = AbortSignal.any([request.signal, stop.signal]);
  const inside = (relative: string) => path.posix.join(environment.paths.workdir, relative);

  let exited: ExecResult | undefined;
  const running = environment
    .exec({
      command: [
        environment.paths.python,
        path.posix.join(environment.paths.runners, 'gradio_launch.py'),
        ...['--app', inside(request.app), '--object', request.object],
        ...['--port', String(portInside), '--host', host, '--cwd', environment.paths.workdir],
        ...request.allowedPaths.flatMap((allowed) => ['--allowed-path', inside(allowed)]),
      ],
      env: { GRADIO_ANALYTICS_ENABLED: 'False', PYTHONUNBUFFERED: '1' },
      timeoutSeconds: request.lifetimeSeconds,
      logFile: request.logFile,
      network: false,
      signal,
    })
    .then((result) => {
      exited = result;
      return result;
    });
  const stopApp = async () => {
    stop.abort();
    await running.catch(() => undefined);
  };

  const baseUrl = `http://127.0.0.1:${hostPort}`;
  try {
    const config = await waitForConfig(baseUrl, request, () => exited);
    return { baseUrl, hostPort, config, [Symbol.asyncDispose]: stopApp };
  } catch (error) {
    await stopApp();
    throw error;
  }
}

async function waitForConfig(
  baseUrl: string,
  request: LaunchRequest,
  exited: () => ExecResult | undefined,
): Promise<GradioConfig> {
  const deadline = performance.now() + request.readyTimeoutSeconds * 1000;
  while (performance.now() < deadline) {
    throwIfAborted(request.signal);
    const ended = exited();
    if (ended) {
      const how = ended.timedOut ? 'was killed' : `exited with ${ended.exitCode ?? 'a signal'}`;
      throw new AppLaunchError(`the app ${how} before answering GET /config`, await logTail(request.logFile));
    }
    const config = await fetchConfig(baseUrl).catch(() => undefined);
    if (config) return config;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new AppLaunchError(
    `the app did not answer GET /config within ${request.readyTimeoutSeconds} s (readyTimeoutSeconds)`,
    await logTail(request.logFile),
  );
}

async function logTail(logFile: string): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-15).join('\n');
}
