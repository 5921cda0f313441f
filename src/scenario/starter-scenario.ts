import { stringify } from 'yaml';

// Distributions whose import name differs from the project name; the rest import as name_with_underscores.
const IMPORT_NAMES: Record<string, string> = {
  'scikit-learn': 'sklearn',
  pillow: 'PIL',
  pyyaml: 'yaml',
  'opencv-python': 'cv2',
  'opencv-python-headless': 'cv2',
  beautifulsoup4: 'bs4',
  protobuf: 'google.protobuf',
  'python-dateutil': 'dateutil',
  'typing-extensions': 'typing_extensions',
  'huggingface-hub': 'huggingface_hub',
  'sentence-transformers': 'sentence_transformers',
  setuptools: 'setuptools',
};

// Packages that provide no importable module of their own.
const NOT_IMPORTABLE = new Set(['pip', 'wheel']);

export function importNameOf(normalizedName: string): string {
  return IMPORT_NAMES[normalizedName] ?? normalizedName.replace(/-/g, '_');
}

export interface StarterOptions {
  name: string;
  baselineFile: string;
  candidateFile: string;
  packages: string[];
}

/** A scenario a user can run at once and grow: imports of every top-level package of both sets. */
export function renderStarterScenario(options: StarterOptions): string {
  const modules = options.packages.filter((name) => !NOT_IMPORTABLE.has(name)).map(importNameOf);
  const scenario = {
    version: 1,
    name: options.name,
    python: '3.11',
    backend: 'auto',
    workdir: '.',
    baseline: { requirementsFile: options.baselineFile },
    candidate: { requirementsFile: options.candidateFile },
    checks: [
      { id: 'imports', kind: 'import', modules: modules.length > 0 ? modules : ['sys'] },
      // Known advisories of both resolved sets, from the snapshot shipped with the harness.
      {
        id: 'audit',
        kind: 'audit',
        failOn: { remaining: ['critical', 'high'], introduced: ['critical', 'high', 'moderate'] },
      },
    ],
  };
  const header = [
    '# Starter scenario written by `upgrade-harness init`. Add checks for your pipeline, app and',
    '# benchmarks; README.md lists every check kind. Paths are relative to this file.',
    '',
  ].join('\n');
  return header + stringify(scenario);
}
