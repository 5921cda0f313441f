import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors.js';
import { renderHtml } from './html-reporter.js';
import { renderJunit } from './junit-reporter.js';
import { LOCK_FILE_NAMES, renderLockFile } from './lock-files.js';
import { renderMarkdown } from './markdown-reporter.js';
import { type Report, reportSchema } from './report-schema.js';

export type ReportFormat = 'json' | 'md' | 'html' | 'junit';

export function renderReport(report: Report, format: ReportFormat): string {
  if (format === 'md') return renderMarkdown(report);
  if (format === 'html') return renderHtml(report);
  if (format === 'junit') return renderJunit(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

export interface WriteReportOptions {
  /** When set (GitHub Actions sets it), report.md is appended to this file: the job's summary page. */
  stepSummaryFile?: string | undefined;
  /** Receives problems that do not stop the report from being written. */
  onWarning?: ((message: string) => void) | undefined;
}

/**
 * Writes report.json, report.md, report.html and junit.xml into `outDir`, with each installed
 * side's pinned requirements beside them (rollback material); returns the report files' paths.
 */
export async function writeReport(
  report: Report,
  outDir: string,
  options: WriteReportOptions = {},
): Promise<Record<ReportFormat, string>> {
  reportSchema.parse(report);
  await mkdir(outDir, { recursive: true });
  const files: Record<ReportFormat, string> = {
    json: path.join(outDir, 'report.json'),
    md: path.join(outDir, 'report.md'),
    html: path.join(outDir, 'report.html'),
    junit: path.join(outDir, 'junit.xml'),
  };
  await Promise.all(
    (Object.keys(files) as ReportFormat[]).map((format) =>
      writeFile(files[format], renderReport(report, format)),
    ),
  );
  for (const side of ['baseline', 'candidate'] as const) {
    const lock = renderLockFile(report, side);
    if (lock) await writeFile(path.join(outDir, LOCK_FILE_NAMES[side]), lock);
  }
  if (options.stepSummaryFile) {
    // The summary page is a courtesy: failing to write it must not change the verdict's exit code.
    await appendFile(options.stepSummaryFile, `${renderMarkdown(report)}\n`).catch((error: Error) =>
      options.onWarning?.(`could not append the report to ${options.stepSummaryFile}: ${error.message}`),
    );
  }
  return files;
}

/** Reads a saved report.json and checks it against the schema. */
export async function readReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HarnessError('FILE_NOT_FOUND', `The report ${file} cannot be read.`, {
      hint: 'Give the report.json that `upgrade-harness run` wrote into its --out folder.',
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new HarnessError('REPORT_INVALID', `${file} is not JSON: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HarnessError(
      'REPORT_INVALID',
      `${file} is not an upgrade-harness report (schemaVersion 1): ${first?.path.join('.') || '(root)'}: ${first?.message}.`,
      { hint: 'Re-render only report.json files written by `upgrade-harness run`.' },
    );
  }
  return parsed.data;
}
