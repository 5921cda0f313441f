import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkKinds } from '../checks/registry.js';
import type { Side } from '../provision/environment.js';
import type { Locate } from './load-scenario.js';
import { isPipLocation, parseRequirement, requirementLines } from './requirement.js';
import { formatKeyPath, ScenarioError, type ScenarioProblem } from './scenario-problem.js';
import type { DependencySet, Scenario } from './scenario-schema.js';

/** A dependency set with its files found and read. */
export interface ResolvedDependencySet {
  requirements: string[];
  requirementsFile: string | undefined;
  constraints: string[];
  constraintsFile: string | undefined;
}

/** A valid scenario with every path made absolute. */
export interface ResolvedScenario {
  scenario: Scenario;
  /** The path as the user gave it, for messages and the report. */
  file: string;
  absoluteFile: string;
  scenarioDir: string;
  workdir: string;
  sets: Record<Side, ResolvedDependencySet>;
}

interface RuleContext {
  file: string;
  absoluteFile: string;
  locate: Locate;
}

/**
 * The rules a schema cannot express: unique check ids, files that exist, requirements that are
 * PEP 508. All of them run, and every problem is raised together.
 */
export async function resolveScenario(scenario: Scenario, context: RuleContext): Promise<ResolvedScenario> {
  const scenarioDir = path.dirname(context.absoluteFile);
  const problems: ScenarioProblem[] = [];
  const report = (keyPath: PropertyKey[], message: string, at?: { file: string; line: number }) => {
    const position = at ? { line: at.line, col: 1 } : context.locate(keyPath);
    problems.push({
      file: at?.file ?? context.file,
      line: position.line,
      column: position.col,
      keyPath: formatKeyPath(keyPath),
      message,
    });
  };

  const seen = new Map<string, number>();
  scenario.checks.forEach((check, index) => {
    const first = seen.get(check.id);
    if (first === undefined) seen.set(check.id, index);
    else report(['checks', index, 'id'], `duplicate check id "${check.id}"; checks[${first}] has it already`);
  });

  const workdir = path.resolve(scenarioDir, scenario.workdir);
  if (!(await isDirectory(workdir))) report(['workdir'], `folder ${workdir} does not exist`);

  const resolveSet = async (side: Side, set: DependencySet): Promise<ResolvedDependencySet> => {
    set.requirements?.forEach((text, index) => {
      const parsed = isPipLocation(text) ? undefined : parseRequirement(text);
      if (typeof parsed === 'string') report([side, 'requirements', index], parsed);
    });
    const requirementsFile = await resolveFile(side, 'requirementsFile', set.requirementsFile, true);
    const constraintsFile = await resolveFile(side, 'constraintsFile', set.constraintsFile, false);
    return {
      requirements: set.requirements ?? [],
      requirementsFile,
      constraints: set.constraints,
      constraintsFile,
    };
  };

  const resolveFile = async (side: Side, key: string, value: string | undefined, checkLines: boolean) => {
    if (value === undefined) return undefined;
    const absolute = path.resolve(scenarioDir, value);
    const content = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => error);
    if (content instanceof Error) {
      const problem =
        content.code === 'EISDIR'
          ? `${absolute} is a folder; give the requirements file inside it`
          : `file ${absolute} does not exist or cannot be read; paths are relative to the scenario file`;
      report([side, key], problem);
      return absolute;
    }
    if (checkLines) {
      for (const { line, text } of requirementLines(content)) {
        if (isPipLocation(text)) continue;
        const parsed = parseRequirement(text);
        if (typeof parsed === 'string')
          report([side, key], parsed, { file: path.relative('.', absolute), line });
      }
    }
    return absolute;
  };

  const sets = {
    baseline: await resolveSet('baseline', scenario.baseline),
    candidate: await resolveSet('candidate', scenario.candidate),
  };

  for (const [index, check] of scenario.checks.entries()) {
    const kind = checkKinds.find((candidate) => candidate.kind === check.kind);
    const checkProblems = (await kind?.rules?.(check as never, { scenarioDir, workdir })) ?? [];
    for (const { path: keyPath, message } of checkProblems) report(['checks', index, ...keyPath], message);
  }

  if (problems.length > 0) throw new ScenarioError(context.file, problems);
  return { scenario, file: context.file, absoluteFile: context.absoluteFile, scenarioDir, workdir, sets };
}

async function isDirectory(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => undefined))?.isDirectory() ?? false;
}
