import { HarnessError } from '../errors.js';

/** One thing wrong with a scenario file, placed where the user can find it. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** Key path such as `checks[1].modules`; empty for the document itself. */
  keyPath: string;
  /** What is wrong; what would be valid. */
  message: string;
}

export function formatKeyPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${String(segment)}`,
    )
    .join('');
}

export function formatProblem(problem: ScenarioProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.keyPath
    ? `${where}  ${problem.keyPath}  ${problem.message}`
    : `${where}  ${problem.message}`;
}

/** Raised with every problem found in a scenario at once, not just the first. */
export class ScenarioError extends HarnessError {
  readonly problems: readonly ScenarioProblem[];

  constructor(file: string, problems: readonly ScenarioProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      'SCENARIO_INVALID',
      `${file} is not a valid scenario (${count}):\n${problems.map(formatProblem).join('\n')}`,
      {
        hint: 'Fix the places named above; `upgrade-harness validate <file>` checks again without building anything.',
      },
    );
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}
