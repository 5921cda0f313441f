import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** What GET /config says about the server; it answers at the root on gradio 4.x and 5.x. */
export interface GradioConfig {
  version: string;
  /** `sse` on 4.8, `sse_v2` on 4.19, `sse_v3` on 5.x. */
  protocol: string | null;
  /** `/gradio_api` on 5.x; 4.x has no prefix and no key. */
  apiPrefix: string;
}

const configSchema = z.looseObject({
  version: z.string(),
  protocol: z.string().optional(),
  api_prefix: z.string().optional(),
});

const REQUEST_TIMEOUT_MS = 30_000;

export async function fetchConfig(baseUrl: string): Promise<GradioConfig | undefined> {
  const response = await fetch(`${baseUrl}/config`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) return undefined;
  const config = configSchema.parse(await response.json());
  return { version: config.version, protocol: config.protocol ?? null, apiPrefix: config.api_prefix ?? '' };
}

/** The route a path takes on this server: 5.x moved everything but /config under `api_prefix`. */
export function route(config: GradioConfig, routePath: string): string {
  return `${config.apiPrefix}${routePath}`;
}

/** Uploads a host file as the page would (multipart field `files`); returns the server's path for it. */
export async function uploadFile(baseUrl: string, config: GradioConfig, hostFile: string): Promise<string> {
  const form = new FormData();
  form.append('files', new Blob([await readFile(hostFile)]), path.basename(hostFile));
  const response = await fetch(`${baseUrl}${route(config, '/upload')}`, {
    method: 'POST',
    body: form,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`upload of ${path.basename(hostFile)} answered ${response.status}`);
  const [serverPath] = z
    .array(z.string())
    .min(1)
    .parse(await response.json());
  return serverPath as string;
}

/** The FileData form both 4.8 and 5.31 accept for an uploaded file (see examples/gradio-demo/NOTES.md). */
export function fileData(serverPath: string): Record<string, unknown> {
  return { path: serverPath, meta: { _type: 'gradio.FileData' } };
}

export type CallResult = { ok: true; outputs: unknown[] } | { ok: false; error: string };

/**
 * Calls an endpoint once through `{prefix}/run/<api_name>`, which answers in one response on 4.x and,
 * still, on 5.x (5.x's two-step /call route is not on 4.x).
 */
export async function callEndpoint(
  baseUrl: string,
  config: GradioConfig,
  apiName: string,
  inputs: unknown[],
): Promise<CallResult> {
  const response = await fetch(`${baseUrl}${route(config, `/run/${apiName}`)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: inputs }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) return { ok: false, error: `HTTP ${response.status}: ${text.slice(0, 300)}` };
  const parsed = z.object({ data: z.array(z.unknown()) }).safeParse(JSON.parse(text));
  if (!parsed.success) return { ok: false, error: `unexpected answer: ${text.slice(0, 300)}` };
  return { ok: true, outputs: parsed.data.data };
}
