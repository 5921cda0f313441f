import { z } from 'zod';
import { checkSchemas } from '../checks/registry.js';
import { dockerSettingsSchema } from './docker-settings-schema.js';

const quotedVersion = z
  .string({ error: 'expected a quoted Python version such as "3.11" (unquoted, 3.10 would read as 3.1)' })
  .regex(/^3\.\d+(\.\d+)?$/, 'expected a Python version such as "3.11" or "3.11.7"');

export const dependencySetSchema = z
  .strictObject({
    requirements: z
      .array(z.string())
      .optional()
      .describe('PEP 508 requirements. Example: ["torch==2.7.1", "gradio==5.31.0"]'),
    requirementsFile: z
      .string()
      .optional()
      .describe('A pip requirements file, relative to the scenario file.'),
    constraints: z.array(z.string()).default([]).describe('pip constraints (pins that apply if pulled in).'),
    constraintsFile: z
      .string()
      .optional()
      .describe(
        'A pip constraints file, relative to the scenario file; how an old set is made to install today.',
      ),
  })
  .refine((set) => (set.requirements?.length ?? 0) > 0 || set.requirementsFile !== undefined, {
    error: 'give at least one requirement: `requirements` (a non-empty list) or `requirementsFile` (a path)',
  });
export type DependencySet = z.infer<typeof dependencySetSchema>;

export const pipSettingsSchema = z.strictObject({
  indexUrl: z.string().optional().describe('pip --index-url, e.g. a corporate mirror.'),
  extraIndexUrls: z.array(z.string()).default([]).describe('pip --extra-index-url, each.'),
  findLinks: z.array(z.string()).default([]).describe('Folders or URLs of wheels (pip --find-links).'),
  trustedHosts: z.array(z.string()).default([]).describe('pip --trusted-host, each.'),
  caBundle: z.string().optional().describe('A CA bundle file for pip (pip --cert).'),
  noIndex: z
    .boolean()
    .default(false)
    .describe('Install only from findLinks (pip --no-index). Default false.'),
  fromHost: z
    .boolean()
    .default(false)
    .describe(
      "Also use the host's pip settings: its configuration files and PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_FIND_LINKS, PIP_TRUSTED_HOST, PIP_CERT, PIP_NO_INDEX and PIP_CONSTRAINT. Docker builds get copies of the files and folders, and the host's file:// indexes served on its loopback. Default false.",
    ),
  extraArgs: z
    .array(z.string())
    .default([])
    .describe('More pip install arguments, e.g. ["--only-binary=:all:"].'),
});

export const gateSchema = z.strictObject({
  noGoOutcomes: z
    .array(z.enum(['regressed', 'fail', 'improved', 'skipped']))
    .default(['regressed', 'fail'])
    .describe('Check outcomes that make the verdict no-go. Default [regressed, fail].'),
});

export const checkSchema = z.discriminatedUnion('kind', checkSchemas);
export type Check = z.infer<typeof checkSchema>;

/** A scenario file, version 1. Unknown keys are errors: a typo must not silently disable a check. */
export const scenarioSchema = z.strictObject({
  version: z.literal(1, { error: 'this harness reads scenario version 1; write `version: 1`' }),
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-" (it names report files)')
    .describe('Used in report titles and file names. Example: torch-gradio-upgrade'),
  description: z.string().optional(),
  python: quotedVersion.default('3.11').describe('Interpreter for both sets. Default "3.11".'),
  backend: z.enum(['auto', 'docker', 'local']).default('auto').describe('Default auto.'),
  workdir: z
    .string()
    .default('.')
    .describe('Project files the checks need, relative to this file. Default "."'),
  pip: pipSettingsSchema.prefault({}).describe('pip settings for both sets.'),
  docker: dockerSettingsSchema
    .prefault({})
    .describe('Base image and resource limits of the Docker backend; ignored by the local backend.'),
  baseline: dependencySetSchema.describe('The set running in production today.'),
  candidate: dependencySetSchema.describe('The upgrade under test.'),
  checks: z.array(checkSchema).min(1, 'a scenario needs at least one check'),
  gate: gateSchema.prefault({}),
});
export type Scenario = z.infer<typeof scenarioSchema>;
