import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { HarnessError } from '../errors.js';
import { formatKeyPath, ScenarioError, type ScenarioProblem } from './scenario-problem.js';
import { type Scenario, scenarioSchema } from './scenario-schema.js';
import { knownKeysAt } from './schema-shape.js';
import { type ResolvedScenario, resolveScenario } from './semantic-rules.js';

/**
 * Reads, validates and resolves a scenario file. Every problem is collected and raised at once as a
 * ScenarioError; nothing is built.
 */
export async function loadScenario(file: string): Promise<ResolvedScenario> {
  const absoluteFile = path.resolve(file);
  const text = await readScenarioText(absoluteFile, file);
  const { scenario, locate } = parseScenario(text, file);
  return resolveScenario(scenario, { file, absoluteFile, locate });
}

async function readScenarioText(absoluteFile: string, file: string): Promise<string> {
  try {
    return await readFile(absoluteFile, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new HarnessError('FILE_NOT_FOUND', `The scenario file ${file} ${reason} (${absoluteFile}).`, {
      hint: 'Check the path, or write a starter with `upgrade-harness init --baseline A.txt --candidate B.txt`.',
      cause: error,
    });
  }
}

/** Finds the line and column of a key path in the scenario's YAML. */
export type Locate = (path: readonly PropertyKey[], key?: string) => { line: number; col: number };

/** Parses YAML text into a scenario, or raises every YAML and schema problem with its position. */
export function parseScenario(text: string, file: string): { scenario: Scenario; locate: Locate } {
  const lineCounter = new LineCounter();
  // `merge: true` lets teams share settings between sets with YAML anchors and `<<` merge keys.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const at = (offset: number) => lineCounter.linePos(offset);

  if (document.errors.length > 0) {
    const problems = document.errors.map((error): ScenarioProblem => {
      const { line, col } = at(error.pos[0]);
      return {
        file,
        line,
        column: col,
        keyPath: '',
        message: `YAML: ${yamlMessage(error.code, error.message)}`,
      };
    });
    throw new ScenarioError(file, problems);
  }

  const data = document.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError(file, [
      {
        file,
        line: 1,
        column: 1,
        keyPath: '',
        message: 'expected a mapping with version, name, baseline, candidate, checks',
      },
    ]);
  }

  const locate: Locate = (issuePath, key) => positionOf(document.contents, issuePath, key, at);
  const parsed = scenarioSchema.safeParse(data);
  if (parsed.success) return { scenario: parsed.data, locate };
  const problems = parsed.error.issues.flatMap((issue) => problemsOfIssue(issue, data, locate, file));
  throw new ScenarioError(file, problems);
}

function problemsOfIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  locate: Locate,
  file: string,
): ScenarioProblem[] {
  const problem = (issuePath: readonly PropertyKey[], message: string, key?: string): ScenarioProblem => {
    const { line, col } = locate(issuePath, key);
    const keyPath = formatKeyPath(key === undefined ? issuePath : [...issuePath, key]);
    return { file, line, column: col, keyPath, message };
  };

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(scenarioSchema, issue.path, data) ?? [];
    return issue.keys.map((key) => {
      const suggestion = known.length > 0 ? `; did you mean "${closest(key, known)}"?` : '';
      const valid = known.length > 0 ? ` Valid keys here: ${known.join(', ')}.` : '';
      return problem(issue.path, `unknown key${suggestion}${valid}`, key);
    });
  }
  if (issue.code === 'invalid_union' && 'options' in issue) {
    const options = (issue.options as unknown[]).map((option) => String(option)).join(', ');
    return [problem(issue.path, `unknown check kind; expected one of: ${options}`)];
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return [problem(issue.path, `required: expected ${issue.expected}`)];
  }
  return [problem(issue.path, issue.message.replace(/^Invalid input: /, ''))];
}

/** The position of the node at `path` (or of `key` inside it), else of its nearest existing parent. */
function positionOf(
  root: Node | null,
  path: readonly PropertyKey[],
  key: string | undefined,
  at: (offset: number) => { line: number; col: number },
): { line: number; col: number } {
  let node: Node | null = root;
  let offset = root?.range?.[0] ?? 0;
  for (const segment of key === undefined ? path : [...path, key]) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
      // A key whose value is wrong is best shown at the value, when it has one.
      if (segment === path.at(-1) && key === undefined && node?.range) offset = node.range[0];
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return at(offset);
}

/** The YAML library's message, in the user's terms where it speaks of its own API. */
function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS')
    return 'a scenario file holds one YAML document; remove the `---` that starts another';
  return message.split('\n')[0] ?? message;
}
