import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HarnessError } from '../errors.js';
import { parseRequirement, requirementLines } from '../scenario/requirement.js';
import { renderStarterScenario } from '../scenario/starter-scenario.js';

export interface InitOptions {
  baseline: string;
  candidate: string;
  output: string;
  force?: boolean;
}

export async function initCommand(options: InitOptions): Promise<number> {
  const output = path.resolve(options.output);
  if (
    !options.force &&
    (await access(output).then(
      () => true,
      () => false,
    ))
  ) {
    throw new HarnessError('USAGE', `${options.output} exists already.`, {
      hint: 'Pass --force to overwrite it, or -o to write elsewhere.',
    });
  }
  const names = new Set<string>();
  for (const file of [options.baseline, options.candidate]) {
    for (const { text } of requirementLines(await readRequirements(file))) {
      const requirement = parseRequirement(text);
      if (typeof requirement !== 'string') names.add(requirement.normalizedName);
    }
  }
  const relative = (file: string) => path.relative(path.dirname(output), path.resolve(file)) || '.';
  const yaml = renderStarterScenario({
    name:
      path
        .basename(output)
        .replace(/\.ya?ml$/, '')
        .replace(/[^A-Za-z0-9._-]/g, '-') || 'upgrade',
    baselineFile: relative(options.baseline),
    candidateFile: relative(options.candidate),
    packages: [...names].sort(),
  });
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, yaml);
  console.error(`Wrote ${options.output}; check it with \`upgrade-harness validate ${options.output}\`.`);
  return 0;
}

async function readRequirements(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new HarnessError('FILE_NOT_FOUND', `The requirements file ${file} cannot be read.`, {
      hint: 'Give the pip requirements files of the two sets, e.g. --baseline requirements.txt --candidate requirements-new.txt.',
      cause: error,
    });
  }
}
