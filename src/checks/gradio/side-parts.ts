import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { PythonEnvironment, Side } from '../../provision/environment.js';
import { type EndpointResult, runApiSmoke } from './api-smoke.js';
import { type BrowserResult, runBrowserSmoke } from './browser-smoke.js';
import { type ProbeResult, runFileProbes } from './file-probes.js';
import type { GradioCheck } from './gradio-check-schema.js';
import type { RunningApp } from './launch-app.js';

/** What one side's app did in each part of the check that was asked for. */
export interface SideParts {
  gradioVersion: string;
  protocol: string | null;
  apiPrefix: string;
  endpoints?: EndpointResult[];
  browser?: BrowserResult;
  fileProbes?: { canaryPath: string; probes: ProbeResult[] };
}

/** Runs the API calls, the file probes and the browser steps against one side's running app. */
export async function runSideParts(options: {
  app: RunningApp;
  environment: PythonEnvironment;
  side: Side;
  check: GradioCheck;
  hostWorkdir: string;
  artifactsDir: string;
  signal: AbortSignal;
}): Promise<SideParts> {
  const { app, check } = options;
  const parts: SideParts = {
    gradioVersion: app.config.version,
    protocol: app.config.protocol,
    apiPrefix: app.config.apiPrefix,
  };
  if (check.endpoints.length > 0)
    parts.endpoints = await runApiSmoke(app, check.endpoints, options.hostWorkdir);
  throwIfAborted(options.signal);
  if (check.fileProbes) parts.fileProbes = await runFileProbes(app, options.environment, options.signal);
  throwIfAborted(options.signal);
  if (check.browser) {
    parts.browser = await runBrowserSmoke(app, check.browser, {
      hostWorkdir: options.hostWorkdir,
      screenshotFile: path.join(options.artifactsDir, `${check.id}-${options.side}.png`),
    });
  }
  return parts;
}
