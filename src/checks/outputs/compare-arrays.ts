import { unzipSync } from 'fflate';
import { compareBytes } from './compare-bytes.js';
import { FieldAccumulator, type FieldDrift } from './field-drift.js';
import type { FileFindings, ToleranceLookup } from './file-findings.js';
import { elementIndex, readNpy } from './npy-reader.js';

/** Compares two .npy arrays element by element; the field is the array ("values"). */
export function compareNpy(
  file: string,
  baseline: Uint8Array,
  candidate: Uint8Array,
  tolerance: ToleranceLookup,
): FileFindings {
  return compareArray(file, 'values', baseline, candidate, tolerance);
}

/** Compares two .npz archives member by member; each member's name is its field. */
export function compareNpz(
  file: string,
  baseline: Uint8Array,
  candidate: Uint8Array,
  tolerance: ToleranceLookup,
): FileFindings {
  const findings: FileFindings = { drift: [], mismatches: [], notes: [] };
  const base = unzipSync(baseline);
  const cand = unzipSync(candidate);
  const names = [...new Set([...Object.keys(base), ...Object.keys(cand)])].sort();
  for (const name of names) {
    const field = name.replace(/\.npy$/, '');
    const b = base[name];
    const c = cand[name];
    if (!b || !c) {
      findings.mismatches.push({
        file,
        field,
        message: `array "${field}" is only in the ${b ? 'baseline' : 'candidate'}`,
      });
      continue;
    }
    const member = compareArray(file, field, b, c, tolerance);
    findings.drift.push(...member.drift);
    findings.mismatches.push(...member.mismatches);
    findings.notes.push(...member.notes);
  }
  return findings;
}

function compareArray(
  file: string,
  field: string,
  baselineBytes: Uint8Array,
  candidateBytes: Uint8Array,
  tolerance: ToleranceLookup,
): FileFindings {
  const baseline = readNpy(baselineBytes);
  const candidate = readNpy(candidateBytes);
  if ('unsupported' in baseline || 'unsupported' in candidate) {
    const reason =
      'unsupported' in baseline ? baseline.unsupported : (candidate as { unsupported: string }).unsupported;
    const exact = compareBytes(file, baselineBytes, candidateBytes);
    return { ...exact, notes: [...exact.notes, `${field}: compared byte for byte (${reason})`] };
  }

  const findings: FileFindings = { drift: [], mismatches: [], notes: [] };
  if (baseline.dtype !== candidate.dtype)
    findings.notes.push(`${field}: dtype changed from ${baseline.dtype} to ${candidate.dtype}`);
  if (baseline.shape.join(',') !== candidate.shape.join(',')) {
    findings.mismatches.push({
      file,
      field,
      message: `shape changed from (${baseline.shape.join(', ')}) to (${candidate.shape.join(', ')})`,
    });
    return findings;
  }

  if (baseline.fortranOrder !== candidate.fortranOrder) {
    // TODO(needs an index remap between C and Fortran order): compared as stored, which pairs the
    // wrong elements; rare for arrays written by the same code.
    findings.notes.push(`${field}: memory order changed (C ↔ Fortran); elements paired as stored`);
  }
  const accumulator = new FieldAccumulator(file, field, tolerance(field));
  const count = baseline.values.length;
  for (let index = 0; index < count; index += 1)
    accumulator.add(baseline.values[index] as number, candidate.values[index] as number, () =>
      elementIndex(index, baseline.shape, baseline.fortranOrder && candidate.fortranOrder),
    );
  const drift: FieldDrift | undefined = accumulator.result();
  if (drift) findings.drift.push(drift);
  return findings;
}
