import type { FieldDrift } from './field-drift.js';
import type { FileFindings } from './file-findings.js';

/** The number of findings (each a regressed item) and a one-line summary naming the worst. */
export function summarizeOutputs(comparison: FileFindings): { findings: number; message: string } {
  const beyond = comparison.drift.filter((drift) => drift.verdict === 'beyond');
  const within = comparison.drift.length - beyond.length;
  const findings = beyond.length + comparison.mismatches.length;
  const parts: string[] = [];
  if (beyond.length > 0)
    parts.push(
      `${beyond.length} field(s) beyond tolerance: ${beyond.slice(0, 3).map(describeDrift).join('; ')}`,
    );
  if (comparison.mismatches.length > 0)
    parts.push(
      `${comparison.mismatches.length} other difference(s): ${comparison.mismatches
        .slice(0, 3)
        .map(
          (mismatch) => `${mismatch.file}${mismatch.field ? ` ${mismatch.field}` : ''}: ${mismatch.message}`,
        )
        .join('; ')}`,
    );
  if (within > 0) parts.push(`${within} field(s) drifted within tolerance`);
  return { findings, message: parts.length > 0 ? parts.join('; ') : 'outputs are identical' };
}

export function describeDrift(drift: FieldDrift): string {
  const deviation = Math.abs(drift.candidate - drift.baseline);
  const relative = drift.baseline === 0 ? '' : `, rel ${formatNumber(deviation / Math.abs(drift.baseline))}`;
  return `${drift.file} ${drift.field}${drift.at ? ` ${drift.at}` : ''}: ${drift.baseline} → ${drift.candidate} (Δ ${formatNumber(deviation)}${relative})`;
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toString();
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6
    ? Number(value.toPrecision(4)).toString()
    : value.toExponential(2);
}
