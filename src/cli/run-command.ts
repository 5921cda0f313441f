import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../log/logger.js';
import type { BackendChoice } from '../provision/select-backend.js';
import { renderSummary } from '../report/terminal-summary.js';
import { writeReport } from '../report/write-report.js';
import { runScenario } from '../run/run-scenario.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { EXIT_ERROR, EXIT_GO, EXIT_NO_GO } from './cli-errors.js';
import { interruptOnSignals } from './interrupt.js';
import { prepareOutDir } from './output-files.js';

export interface RunCommandOptions {
  backend?: BackendChoice;
  out: string;
  only?: string[];
  verbose?: boolean;
}

export async function runCommand(file: string, options: RunCommandOptions): Promise<number> {
  const resolved = await loadScenario(file);
  const outDir = await prepareOutDir(options.out);
  const logger = createLogger({
    verbose: options.verbose,
    destination: createWriteStream(path.join(outDir, 'harness.log')),
  });
  using interrupt = interruptOnSignals();

  const report = await runScenario(resolved, {
    outDir,
    backend: options.backend,
    only: options.only,
    logger,
    progress: (line) => console.error(line),
    signal: interrupt.signal,
  });
  await writeReport(report, outDir, {
    stepSummaryFile: process.env.GITHUB_STEP_SUMMARY || undefined,
    onWarning: (message) => console.error(`warning: ${message}`),
  });
  console.error(renderSummary(report, displayPath(outDir)));
  return { go: EXIT_GO, 'no-go': EXIT_NO_GO, error: EXIT_ERROR }[report.verdict];
}

function displayPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative === '' ? '.' : relative.startsWith('..') ? folder : relative;
}
