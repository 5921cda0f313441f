import { z } from 'zod';

const UNIT_BYTES: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Parses a Docker-style size ("512m", "4g", "1.5g", "1073741824") into bytes. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = UNIT_BYTES[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

const byteSize = z
  .string()
  .refine((text) => parseByteSize(text) !== undefined, 'expected a size such as "512m" or "4g"');

/** The optional top-level `docker:` section: base image and resource limits of each container. */
export const dockerSettingsSchema = z
  .strictObject({
    baseImage: z
      .string()
      .optional()
      .describe(
        'Image the environments are built FROM. Default: python:<python>-slim when present locally, ' +
          'else the offline image upgrade-harness/python:<python>-bookworm. Example: python:3.11-slim',
      ),
    cpus: z
      .number()
      .positive()
      .optional()
      .describe('CPU time per container, in CPUs (docker --cpus). Default: no limit. Example: 2'),
    cpusetCpus: z
      .string()
      .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'expected CPU numbers such as "0-1" or "0,2"')
      .optional()
      .describe('CPUs a container may run on (docker --cpuset-cpus). Default: all. Example: "0-1"'),
    memory: byteSize
      .optional()
      .describe('Memory limit per container, swap included (docker --memory). Default: none. Example: "4g"'),
    memoryBytes: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('The same limit in bytes; give `memory` or `memoryBytes`, not both. Example: 4294967296'),
    pidsLimit: z
      .number()
      .int()
      .positive()
      .default(4096)
      .describe('Most processes a container may hold (docker --pids-limit). Default 4096.'),
    shmSize: byteSize
      .optional()
      .describe('Size of /dev/shm (docker --shm-size), which PyTorch data loaders use. Default 64m.'),
  })
  .refine((settings) => settings.memory === undefined || settings.memoryBytes === undefined, {
    error: 'give `memory` or `memoryBytes`, not both',
  });
export type DockerSettings = z.infer<typeof dockerSettingsSchema>;
