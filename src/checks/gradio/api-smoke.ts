import path from 'node:path';
import { unmetExpectation } from './expectation.js';
import type { GradioEndpoint } from './gradio-check-schema.js';
import { callEndpoint, fileData, uploadFile } from './gradio-routes.js';
import type { RunningApp } from './launch-app.js';

/** One endpoint called on one side. */
export interface EndpointResult {
  api: string;
  passed: boolean;
  /** The route the call went through, e.g. /gradio_api/run/greet. */
  route: string;
  outputs?: unknown[];
  message: string;
  /** The inputs as sent (uploads replaced by the server's paths), reused for latency measurement. */
  sentInputs: unknown[];
}

/** Calls each endpoint once through the route layout this server's version uses, and judges the answer. */
export async function runApiSmoke(
  app: RunningApp,
  endpoints: readonly GradioEndpoint[],
  hostWorkdir: string,
): Promise<EndpointResult[]> {
  const results: EndpointResult[] = [];
  for (const endpoint of endpoints) {
    const route = `${app.config.apiPrefix}/run/${endpoint.api}`;
    let sentInputs: unknown[] = [];
    try {
      sentInputs = await resolveInputs(app, endpoint, hostWorkdir);
      const call = await callEndpoint(app.baseUrl, app.config, endpoint.api, sentInputs);
      if (!call.ok) {
        results.push({ api: endpoint.api, passed: false, route, message: call.error, sentInputs });
        continue;
      }
      const unmet = unmetExpectation(endpoint.expect, call.outputs);
      results.push({
        api: endpoint.api,
        passed: unmet === undefined,
        route,
        outputs: call.outputs,
        message: unmet ?? `answered ${JSON.stringify(call.outputs).slice(0, 200)}`,
        sentInputs,
      });
    } catch (error) {
      results.push({
        api: endpoint.api,
        passed: false,
        route,
        message: (error as Error).message,
        sentInputs,
      });
    }
  }
  return results;
}

async function resolveInputs(
  app: RunningApp,
  endpoint: GradioEndpoint,
  hostWorkdir: string,
): Promise<unknown[]> {
  const inputs: unknown[] = [];
  for (const input of endpoint.inputs) {
    if (isFileInput(input)) {
      const serverPath = await uploadFile(app.baseUrl, app.config, path.resolve(hostWorkdir, input.file));
      inputs.push(fileData(serverPath));
    } else {
      inputs.push(input);
    }
  }
  return inputs;
}

function isFileInput(input: unknown): input is { file: string } {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && 'file' in input;
}
