import type { FieldDrift } from './field-drift.js';
import type { Tolerance } from './tolerance.js';

/** A difference that is not numeric drift: missing or extra files, changed text, keys or shapes. */
export interface OutputMismatch {
  file: string;
  field?: string;
  at?: string;
  baseline?: string;
  candidate?: string;
  message: string;
}

/** What comparing one file (or every file) found. */
export interface FileFindings {
  drift: FieldDrift[];
  mismatches: OutputMismatch[];
  /** Changes worth showing that are not findings on their own (a dtype that widened). */
  notes: string[];
}

/** The tolerance that applies to a field of the file being compared. */
export type ToleranceLookup = (field: string) => Tolerance;

/** Whether a field is left out of the comparison. */
export type FieldFilter = (field: string) => boolean;

export function emptyFindings(): FileFindings {
  return { drift: [], mismatches: [], notes: [] };
}

/** A value as it reads in a report cell. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
