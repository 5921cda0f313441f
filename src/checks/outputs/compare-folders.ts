import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareNpy, compareNpz } from './compare-arrays.js';
import { compareBytes } from './compare-bytes.js';
import { compareCsv } from './compare-csv.js';
import { compareJson } from './compare-json.js';
import { emptyFindings, type FileFindings } from './file-findings.js';
import {
  DEFAULT_TOLERANCE,
  mergeTolerance,
  type Tolerance,
  type ToleranceSetting,
  wildcardMatch,
} from './tolerance.js';

export type OutputFormat = 'json' | 'csv' | 'tsv' | 'npy' | 'npz' | 'text' | 'binary';

/** How the files matching one pattern are compared. */
export interface FileRule {
  format?: OutputFormat | undefined;
  tolerance?: ToleranceSetting | undefined;
  fields: Record<string, ToleranceSetting>;
  ignoreFields: string[];
}

export interface FolderComparisonOptions {
  tolerance: ToleranceSetting;
  files: Record<string, FileRule>;
  ignore: string[];
}

export interface FileSummary {
  file: string;
  format: OutputFormat | 'ignored';
  status: 'equal' | 'within' | 'beyond' | 'changed' | 'missing' | 'extra' | 'ignored';
}

/** Compares the files two sides wrote, file by file, with the scenario's tolerances. */
export async function compareFolders(
  baselineDir: string,
  candidateDir: string,
  options: FolderComparisonOptions,
): Promise<FileFindings & { files: FileSummary[] }> {
  const baseline = await listFiles(baselineDir);
  const candidate = await listFiles(candidateDir);
  const all = emptyFindings();
  const files: FileSummary[] = [];

  for (const file of [...new Set([...baseline, ...candidate])].sort()) {
    if (options.ignore.some((pattern) => wildcardMatch(pattern, file, '/'))) {
      files.push({ file, format: 'ignored', status: 'ignored' });
      continue;
    }
    const rule = ruleFor(file, options);
    const format = rule.format ?? formatOf(file);
    if (!candidate.includes(file) || !baseline.includes(file)) {
      const side = candidate.includes(file) ? 'extra' : 'missing';
      all.mismatches.push({
        file,
        message: side === 'missing' ? 'file missing on the candidate' : 'file only on the candidate',
      });
      files.push({ file, format, status: side });
      continue;
    }

    const [base, cand] = await Promise.all([
      readFile(path.join(baselineDir, file)),
      readFile(path.join(candidateDir, file)),
    ]);
    const findings = compareFile(file, format, base, cand, rule, options.tolerance);
    all.drift.push(...findings.drift);
    all.mismatches.push(...findings.mismatches);
    all.notes.push(...findings.notes.map((note) => `${file}: ${note}`));
    files.push({ file, format, status: statusOf(findings) });
  }
  return { ...all, files };
}

function compareFile(
  file: string,
  format: OutputFormat,
  baseline: Buffer,
  candidate: Buffer,
  rule: FileRule,
  defaults: ToleranceSetting,
): FileFindings {
  const fileTolerance = mergeTolerance(mergeTolerance(DEFAULT_TOLERANCE, defaults), rule.tolerance);
  const tolerance = (field: string): Tolerance => {
    const pattern = Object.keys(rule.fields).find((candidate) => wildcardMatch(candidate, field, '.'));
    return mergeTolerance(fileTolerance, pattern ? rule.fields[pattern] : undefined);
  };
  const ignored = (field: string) => rule.ignoreFields.some((pattern) => wildcardMatch(pattern, field, '.'));
  try {
    switch (format) {
      case 'json':
        return compareJson(file, baseline.toString('utf8'), candidate.toString('utf8'), tolerance, ignored);
      case 'csv':
      case 'tsv':
        return compareCsv(
          file,
          baseline.toString('utf8'),
          candidate.toString('utf8'),
          tolerance,
          ignored,
          format === 'tsv' ? '\t' : ',',
        );
      case 'npy':
        return compareNpy(file, baseline, candidate, tolerance);
      case 'npz':
        return compareNpz(file, baseline, candidate, tolerance);
      default:
        return compareBytes(file, baseline, candidate);
    }
  } catch (error) {
    // A file that does not parse as its format is still compared, exactly, and the reason shown.
    const exact = compareBytes(file, baseline, candidate);
    return { ...exact, notes: [`read as ${format} failed (${(error as Error).message}); compared exactly`] };
  }
}

function ruleFor(file: string, options: FolderComparisonOptions): FileRule {
  const pattern = Object.keys(options.files).find((candidate) => wildcardMatch(candidate, file, '/'));
  return (pattern ? options.files[pattern] : undefined) ?? { fields: {}, ignoreFields: [] };
}

function formatOf(file: string): OutputFormat {
  const extension = path.extname(file).toLowerCase().slice(1);
  if (['json', 'csv', 'tsv', 'npy', 'npz'].includes(extension)) return extension as OutputFormat;
  return ['txt', 'md', 'log', 'yaml', 'yml', 'html', 'xml'].includes(extension) ? 'text' : 'binary';
}

function statusOf(findings: FileFindings): FileSummary['status'] {
  if (findings.mismatches.length > 0) return 'changed';
  if (findings.drift.some((drift) => drift.verdict === 'beyond')) return 'beyond';
  return findings.drift.length > 0 ? 'within' : 'equal';
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(root, relative);
      return Promise.resolve(entry.isFile() ? [relative] : []);
    }),
  );
  return nested.flat();
}
