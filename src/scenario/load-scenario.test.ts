import { describe, expect, it } from 'vitest';
import { parseScenario } from './load-scenario.js';
import type { ScenarioError } from './scenario-problem.js';

const scenario = (extra: string) => `version: 1
name: t
baseline:
  requirements: ["six==1.15.0"]
${extra}`;

function problemsOf(text: string): string[] {
  try {
    parseScenario(text, 's.yaml');
  } catch (error) {
    return (error as ScenarioError).problems.map(
      (problem) => `${problem.line}:${problem.column} ${problem.keyPath} ${problem.message}`,
    );
  }
  return [];
}

describe('parseScenario', () => {
  it('refuses a candidate with no requirement at all', () => {
    const text = scenario(
      'candidate:\n  requirements: []\nchecks:\n  - { id: a, kind: import, modules: [six] }\n',
    );
    expect(problemsOf(text)).toEqual([
      '6:3 candidate give at least one requirement: `requirements` (a non-empty list) or `requirementsFile` (a path)',
    ]);
  });

  it('refuses a timeout longer than a timer can hold', () => {
    const text = scenario(
      'candidate:\n  requirements: [six]\nchecks:\n  - { id: a, kind: import, modules: [six], timeoutSeconds: 1.0e12 }\n',
    );
    expect(problemsOf(text)).toEqual(['8:60 checks[0].timeoutSeconds at most 604800 (7 days)']);
  });

  it('explains a second YAML document in the user’s terms', () => {
    const text = `${scenario('candidate:\n  requirements: [six]\nchecks:\n  - { id: a, kind: import, modules: [six] }\n')}---\nname: other\n`;
    expect(problemsOf(text)).toEqual([
      expect.stringContaining(
        'YAML: a scenario file holds one YAML document; remove the `---` that starts another',
      ),
    ]);
  });

  it('reads YAML merge keys, so sets can share settings', () => {
    const text = `version: 1
name: merged
baseline: &common
  requirements: ["six==1.15.0"]
  constraints: ["numpy<2"]
candidate:
  <<: *common
  requirements: ["six==1.16.0"]
checks:
  - { id: a, kind: import, modules: [six] }
`;
    const { scenario: parsed } = parseScenario(text, 's.yaml');
    expect(parsed.candidate).toEqual({ requirements: ['six==1.16.0'], constraints: ['numpy<2'] });
  });
});
