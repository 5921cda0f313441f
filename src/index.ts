export { dependencyDiff } from './compare/dependency-diff.js';
export { decideVerdict } from './compare/gate.js';
export { computeOutcome } from './compare/outcome.js';
export { HarnessError, type HarnessErrorCode } from './errors.js';
export type { EnvironmentBackend, PythonEnvironment } from './provision/environment.js';
export {
  type CheckReport,
  type Metric,
  type Outcome,
  type Report,
  reportSchema,
  type Verdict,
} from './report/report-schema.js';
export { type ReportFormat, readReport, renderReport, writeReport } from './report/write-report.js';
export { type RunOptions, runScenario } from './run/run-scenario.js';
export { loadScenario, parseScenario } from './scenario/load-scenario.js';
export { ScenarioError, type ScenarioProblem } from './scenario/scenario-problem.js';
export { type Check, type Scenario, scenarioSchema } from './scenario/scenario-schema.js';
export type { ResolvedScenario } from './scenario/semantic-rules.js';
