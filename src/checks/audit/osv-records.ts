import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HarnessError } from '../../errors.js';
import { normalizePackageName } from '../../scenario/requirement.js';

export const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

const eventSchema = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});
export type RangeEvent = z.infer<typeof eventSchema>;

// OSV records carry much more; only what matching and the report need is read, the rest is ignored.
const osvRecordSchema = z.object({
  id: z.string(),
  aliases: z.array(z.string()).default([]),
  summary: z.string().optional(),
  withdrawn: z.string().optional(),
  affected: z
    .array(
      z.object({
        package: z.object({ ecosystem: z.string(), name: z.string() }),
        ranges: z.array(z.object({ type: z.string(), events: z.array(eventSchema) })).default([]),
        versions: z.array(z.string()).default([]),
        database_specific: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

/** One advisory as the audit uses it: the PyPI packages it affects, with their ranges. */
export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  affected: AffectedPackage[];
}

export interface AffectedPackage {
  name: string;
  /** Each range is a list of OSV `ECOSYSTEM` events. */
  ranges: RangeEvent[][];
  versions: string[];
}

/** Reads OSV records from JSON files or folders of them; withdrawn records are left out. */
export async function loadAdvisories(sources: readonly string[]): Promise<Advisory[]> {
  const files = (await Promise.all(sources.map(jsonFilesOf))).flat();
  const advisories = await Promise.all(files.map(readAdvisory));
  return advisories.filter((advisory): advisory is Advisory => advisory !== undefined);
}

async function jsonFilesOf(source: string): Promise<string[]> {
  const info = await stat(source).catch((error: unknown) => {
    throw new HarnessError('FILE_NOT_FOUND', `The advisory source ${source} cannot be read.`, {
      hint: 'Give an OSV JSON file or a folder of them in the audit check’s `advisories`.',
      cause: error,
    });
  });
  if (!info.isDirectory()) return [source];
  const names = await readdir(source);
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(source, name));
}

async function readAdvisory(file: string): Promise<Advisory | undefined> {
  let record: z.infer<typeof osvRecordSchema>;
  try {
    record = osvRecordSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new HarnessError(
      'FILE_NOT_FOUND',
      `${file} is not an OSV advisory record: ${(error as Error).message}`,
      {
        hint: 'Each file must be one OSV JSON record (https://ossf.github.io/osv-schema/).',
        cause: error,
      },
    );
  }
  if (record.withdrawn) return undefined;
  const affected = record.affected
    .filter((entry) => entry.package.ecosystem === 'PyPI')
    .map((entry) => ({
      name: normalizePackageName(entry.package.name),
      ranges: entry.ranges.filter((range) => range.type === 'ECOSYSTEM').map((range) => range.events),
      versions: entry.versions,
    }));
  const severity =
    severityOf(record.database_specific?.severity) ??
    severityOf(record.affected[0]?.database_specific?.severity) ??
    'unknown';
  return { id: record.id, aliases: record.aliases, summary: record.summary ?? '', severity, affected };
}

/** GitHub writes MODERATE where CVSS says MEDIUM; both mean the same band. */
export function severityOf(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'medium') return 'moderate';
  return (SEVERITIES as readonly string[]).includes(lower) ? (lower as Severity) : undefined;
}
