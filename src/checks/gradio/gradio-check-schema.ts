import { z } from 'zod';
import { checkBaseShape } from '../check-kind.js';

const elemId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a component elem_id such as "name-in"');

/** An input value: any JSON value, or a file (relative to the workdir) uploaded before the call. */
const endpointInput = z.union([
  z.strictObject({
    file: z.string().min(1).describe('A file, relative to the workdir, uploaded first. Example: red.png'),
  }),
  z.json(),
]);

const expectation = z.union([
  z.strictObject({
    exact: z.array(z.json()).describe('The outputs, compared exactly. Example: ["Hello, WORLD!"]'),
  }),
  z.strictObject({
    approx: z
      .array(z.json())
      .describe('The outputs; numbers within `tolerance`, the rest exact. Example: [5]'),
    tolerance: z.number().nonnegative().default(1e-9).describe('Absolute tolerance. Default 1e-9.'),
  }),
  z.strictObject({
    shape: z
      .array(z.enum(['string', 'number', 'boolean', 'null', 'array', 'object']))
      .describe('Only the JSON type of each output. Example: [string]'),
  }),
]);

export const gradioEndpointSchema = z.strictObject({
  api: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/, 'expected an api_name without the slash, e.g. "greet"')
    .describe('The endpoint api_name. Example: greet'),
  inputs: z
    .array(endpointInput)
    .default([])
    .describe('Inputs in order. Example: ["world"] or [{file: red.png}]'),
  expect: expectation.describe('What the outputs must be: {exact}, {approx, tolerance} or {shape}.'),
});
export type GradioEndpoint = z.infer<typeof gradioEndpointSchema>;

const browserStep = z.union([
  z.strictObject({ fill: elemId.describe('Textbox or number elem_id.'), text: z.string() }),
  z.strictObject({ click: elemId.describe('Button elem_id.') }),
  z.strictObject({
    upload: elemId.describe('File or image component elem_id.'),
    file: z.string().min(1).describe('A file relative to the workdir.'),
  }),
  z.strictObject({
    expectText: elemId.describe('Component whose text or value must come to contain `text`.'),
    text: z.string(),
    timeoutSeconds: z.number().positive().default(30).describe('How long to wait. Default 30.'),
  }),
]);
export type BrowserStep = z.infer<typeof browserStep>;

export const gradioCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('gradio'),
  app: z.string().min(1).describe('The app file, relative to the workdir. Example: app.py'),
  object: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default('demo')
    .describe('Module attribute: a Blocks/Interface or a function returning one. Default demo.'),
  allowedPaths: z.array(z.string()).default([]).describe("launch(allowed_paths=…), as the app's own."),
  readyTimeoutSeconds: z
    .number()
    .positive()
    .default(120)
    .describe('How long the app may take to answer GET /config. Default 120.'),
  endpoints: z.array(gradioEndpointSchema).default([]).describe('API calls made on both sides.'),
  latency: z
    .strictObject({
      iterations: z.number().int().min(5).default(30).describe('Calls per endpoint and side. Default 30.'),
      limitRatio: z
        .number()
        .positive()
        .default(1.5)
        .describe('Largest tolerated candidate/baseline p50 and p99 ratio. Default 1.5.'),
    })
    .optional()
    .describe('Measure each endpoint from the host (tinybench); absent: no latency metrics.'),
  browser: z
    .strictObject({
      executablePath: z.string().default('/usr/bin/chromium').describe('Default /usr/bin/chromium.'),
      components: z.array(elemId).default([]).describe('elem_ids that must be visible. Example: [name-in]'),
      steps: z.array(browserStep).default([]).describe('Run in order on both sides.'),
      allowConsoleErrors: z
        .array(z.string())
        .default([])
        .describe('Regular expressions of console errors to tolerate. Default none.'),
      screenshotDiffLimit: z
        .number()
        .min(0)
        .max(1)
        .default(1)
        .describe(
          'Largest tolerated fraction of differing pixels between the sides. Default 1 (report only).',
        ),
    })
    .optional()
    .describe('Drive the page in Chromium; absent: no browser part.'),
  fileProbes: z
    .boolean()
    .default(false)
    .describe('Ask for a canary file outside the allowed paths through the file routes. Default false.'),
});
export type GradioCheck = z.infer<typeof gradioCheckSchema>;
