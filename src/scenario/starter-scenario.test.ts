import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioSchema } from './scenario-schema.js';
import { renderStarterScenario } from './starter-scenario.js';

describe('renderStarterScenario', () => {
  it('writes imports of every top-level package and an audit with the default gate rules', () => {
    const text = renderStarterScenario({
      name: 'upgrade',
      baselineFile: 'a.txt',
      candidateFile: 'b.txt',
      packages: ['pip', 'scikit-learn', 'torch'],
    });
    const scenario = scenarioSchema.parse(parse(text));
    expect(scenario.checks).toEqual([
      expect.objectContaining({ id: 'imports', kind: 'import', modules: ['sklearn', 'torch'] }),
      expect.objectContaining({
        id: 'audit',
        kind: 'audit',
        failOn: { remaining: ['critical', 'high'], introduced: ['critical', 'high', 'moderate'] },
      }),
    ]);
  });
});
