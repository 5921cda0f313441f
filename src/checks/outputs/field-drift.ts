import { allowedDeviation, type Tolerance } from './tolerance.js';

/** How the numbers of one field (a JSON path, a CSV column, an array) moved between the sides. */
export interface FieldDrift {
  file: string;
  field: string;
  /** Numbers compared. */
  elements: number;
  /** Numbers that are not exactly equal. */
  differing: number;
  /** Numbers whose difference is beyond the tolerance. */
  beyond: number;
  maxAbsolute: number;
  /** null when the baseline value of the largest relative change is zero. */
  maxRelative: number | null;
  /** Where the reported pair sits: the element most beyond tolerance, else the largest difference. */
  at: string;
  baseline: number;
  candidate: number;
  tolerance: Tolerance;
  verdict: 'within' | 'beyond';
}

/** Collects the element-by-element comparison of one field, keeping its largest deviations. */
export class FieldAccumulator {
  private elements = 0;
  private differing = 0;
  private beyond = 0;
  private maxAbsolute = 0;
  private maxRelative = 0;
  private worstExcess = 0;
  private reported: { at: string; baseline: number; candidate: number } | undefined;

  constructor(
    readonly file: string,
    readonly field: string,
    readonly tolerance: Tolerance,
  ) {}

  /** `at` is called only when this element becomes the one reported, to keep big arrays cheap. */
  add(baseline: number, candidate: number, at: () => string): void {
    this.elements += 1;
    if (Object.is(baseline, candidate) || baseline === candidate) return;
    if (Number.isNaN(baseline) && Number.isNaN(candidate)) return;

    this.differing += 1;
    const absolute = Math.abs(candidate - baseline);
    const difference = Number.isNaN(absolute) ? Number.POSITIVE_INFINITY : absolute;
    const relative = baseline === 0 ? Number.POSITIVE_INFINITY : difference / Math.abs(baseline);
    const excess = difference / Math.max(allowedDeviation(baseline, this.tolerance), Number.MIN_VALUE);
    if (relative > this.maxRelative) this.maxRelative = relative;

    if (excess > 1) {
      this.beyond += 1;
      if (excess > this.worstExcess) {
        this.worstExcess = excess;
        this.reported = { at: at(), baseline, candidate };
      }
    }
    if (difference > this.maxAbsolute) {
      this.maxAbsolute = difference;
      if (this.beyond === 0) this.reported = { at: at(), baseline, candidate };
    }
  }

  /** The field's drift, or undefined when every number was equal. */
  result(): FieldDrift | undefined {
    if (this.differing === 0 || !this.reported) return undefined;
    return {
      file: this.file,
      field: this.field,
      elements: this.elements,
      differing: this.differing,
      beyond: this.beyond,
      maxAbsolute: this.maxAbsolute,
      maxRelative: Number.isFinite(this.maxRelative) ? this.maxRelative : null,
      ...this.reported,
      tolerance: this.tolerance,
      verdict: this.beyond > 0 ? 'beyond' : 'within',
    };
  }
}
