import { FieldAccumulator } from './field-drift.js';
import {
  emptyFindings,
  type FieldFilter,
  type FileFindings,
  showValue,
  type ToleranceLookup,
} from './file-findings.js';

const MAX_MISMATCHES_PER_FILE = 50;

/**
 * Compares two JSON documents. Numbers are compared with the tolerance of their field, the dotted
 * path of object keys (`per_site.east.mean`); array positions are not part of the field but say
 * where in it (`[3]`), so one tolerance covers a whole list. Everything else must be equal.
 */
export function compareJson(
  file: string,
  baselineText: string,
  candidateText: string,
  tolerance: ToleranceLookup,
  ignored: FieldFilter,
): FileFindings {
  const findings = emptyFindings();
  const fields = new Map<string, FieldAccumulator>();
  const mismatch = (field: string, at: string, message: string, baseline?: unknown, candidate?: unknown) => {
    if (findings.mismatches.length >= MAX_MISMATCHES_PER_FILE) return;
    findings.mismatches.push({
      file,
      field: field || '(document)',
      ...(at ? { at } : {}),
      ...(baseline !== undefined ? { baseline: showValue(baseline) } : {}),
      ...(candidate !== undefined ? { candidate: showValue(candidate) } : {}),
      message,
    });
  };

  const walk = (baseline: unknown, candidate: unknown, field: string, at: string): void => {
    if (field && ignored(field)) return;
    if (typeof baseline === 'number' && typeof candidate === 'number') {
      const accumulator =
        fields.get(field) ?? new FieldAccumulator(file, field || '(document)', tolerance(field));
      fields.set(field, accumulator);
      accumulator.add(baseline, candidate, () => at);
      return;
    }
    if (Array.isArray(baseline) && Array.isArray(candidate)) {
      if (baseline.length !== candidate.length)
        mismatch(field, at, `list length changed from ${baseline.length} to ${candidate.length}`);
      const common = Math.min(baseline.length, candidate.length);
      for (let index = 0; index < common; index += 1)
        walk(baseline[index], candidate[index], field, `${at}[${index}]`);
      return;
    }
    if (isObject(baseline) && isObject(candidate)) {
      for (const key of new Set([...Object.keys(baseline), ...Object.keys(candidate)])) {
        const child = field ? `${field}.${key}` : key;
        if (ignored(child)) continue;
        if (!(key in candidate)) mismatch(child, at, 'key missing on the candidate', baseline[key]);
        else if (!(key in baseline))
          mismatch(child, at, 'key only on the candidate', undefined, candidate[key]);
        else walk(baseline[key], candidate[key], child, at);
      }
      return;
    }
    if (JSON.stringify(baseline) !== JSON.stringify(candidate))
      mismatch(
        field,
        at,
        typeName(baseline) === typeName(candidate)
          ? 'value changed'
          : `type changed from ${typeName(baseline)} to ${typeName(candidate)}`,
        baseline,
        candidate,
      );
  };

  walk(JSON.parse(baselineText), JSON.parse(candidateText), '', '');
  for (const accumulator of fields.values()) {
    const drift = accumulator.result();
    if (drift) findings.drift.push(drift);
  }
  return findings;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'list' : typeof value;
}
