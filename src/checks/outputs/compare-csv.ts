import { parse } from 'csv-parse/sync';
import { FieldAccumulator } from './field-drift.js';
import { emptyFindings, type FieldFilter, type FileFindings, type ToleranceLookup } from './file-findings.js';

// Python's float reprs, numpy's and pandas' ("nan", "inf", "-inf", "1e-05", "20.41408").
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(nan|NaN|inf|Inf|infinity|Infinity)$/;

/**
 * Compares two CSV files with a header row, column by column and row by row (rows are matched by
 * position). Cells that read as numbers on both sides are compared with the column's tolerance,
 * so `20.41408` against `20.41408069678545` is drift, not a text change; other cells must be equal.
 */
export function compareCsv(
  file: string,
  baselineText: string,
  candidateText: string,
  tolerance: ToleranceLookup,
  ignored: FieldFilter,
  delimiter = ',',
): FileFindings {
  const findings = emptyFindings();
  const [baseHeader = [], ...baseRows] = parseRows(baselineText, delimiter);
  const [candHeader = [], ...candRows] = parseRows(candidateText, delimiter);

  for (const column of baseHeader.filter((name) => !candHeader.includes(name) && !ignored(name)))
    findings.mismatches.push({ file, field: column, message: 'column missing on the candidate' });
  for (const column of candHeader.filter((name) => !baseHeader.includes(name) && !ignored(name)))
    findings.mismatches.push({ file, field: column, message: 'column only on the candidate' });
  if (baseRows.length !== candRows.length)
    findings.mismatches.push({
      file,
      message: `row count changed from ${baseRows.length} to ${candRows.length}`,
    });

  const rows = Math.min(baseRows.length, candRows.length);
  for (const [baseIndex, column] of baseHeader.entries()) {
    const candIndex = candHeader.indexOf(column);
    if (candIndex === -1 || ignored(column)) continue;
    const accumulator = new FieldAccumulator(file, column, tolerance(column));
    let textChanges = 0;
    let first: { row: number; baseline: string; candidate: string } | undefined;
    for (let row = 0; row < rows; row += 1) {
      const baseline = baseRows[row]?.[baseIndex] ?? '';
      const candidate = candRows[row]?.[candIndex] ?? '';
      if (NUMBER.test(baseline) && NUMBER.test(candidate)) {
        accumulator.add(toNumber(baseline), toNumber(candidate), () => `row ${row + 1}`);
        continue;
      }
      if (baseline === candidate) continue;
      textChanges += 1;
      first ??= { row, baseline, candidate };
    }
    const drift = accumulator.result();
    if (drift) findings.drift.push(drift);
    if (first)
      findings.mismatches.push({
        file,
        field: column,
        at: `row ${first.row + 1}`,
        baseline: first.baseline,
        candidate: first.candidate,
        message: `${textChanges} cell(s) changed`,
      });
  }
  return findings;
}

function parseRows(text: string, delimiter: string): string[][] {
  return parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  }) as string[][];
}

function toNumber(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Number.POSITIVE_INFINITY;
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  return Number.parseFloat(text);
}
