import { Command, Option } from 'commander';
import { harnessVersion } from '../package-paths.js';
import { handleCliError } from './cli-errors.js';

/** Parses the command line and dispatches; commands load lazily. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  let verbose = argv.includes('--verbose');
  const program = new Command('upgrade-harness')
    .description(
      'Tells whether upgrading a set of Python dependencies is safe: go (0), no-go (1), or error (2).',
    )
    .version(harnessVersion(), '--version')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('run')
    .description('build both environments, run every check, write the report, exit with the verdict')
    .argument('<scenario>', 'scenario file (YAML)')
    .addOption(
      new Option('--backend <backend>', 'where environments are built (overrides the scenario)').choices([
        'auto',
        'docker',
        'local',
      ]),
    )
    .option('--out <dir>', 'report folder', './upgrade-report')
    .option('--only <ids>', 'run only these checks (comma-separated ids)', (value: string) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .option('--verbose', 'debug logs on stderr and stack traces')
    .action(async (scenario: string, options) => {
      verbose = Boolean(options.verbose);
      const { runCommand } = await import('./run-command.js');
      exitCode = await runCommand(scenario, options);
    });

  program
    .command('validate')
    .description('check a scenario file without building anything (exit 0 valid, 2 invalid)')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--json', 'print the resolved scenario as JSON on stdout')
    .option('--verbose', 'stack traces for errors')
    .action(async (scenario: string, options) => {
      const { validateCommand } = await import('./validate-command.js');
      exitCode = await validateCommand(scenario, options);
    });

  program
    .command('report')
    .description('render a saved report.json again')
    .argument('<report>', 'a report.json written by `run`')
    .addOption(
      new Option('--format <format>', 'output format').choices(['md', 'html', 'junit', 'json']).default('md'),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .option('--verbose', 'stack traces for errors')
    .action(async (report: string, options) => {
      const { reportCommand } = await import('./report-command.js');
      exitCode = await reportCommand(report, options);
    });

  program
    .command('init')
    .description('write a starter scenario for a pair of requirements files')
    .requiredOption('--baseline <file>', 'requirements file of the set in production today')
    .requiredOption('--candidate <file>', 'requirements file of the upgrade under test')
    .option('-o, --output <file>', 'where to write the scenario', 'upgrade-scenario.yaml')
    .option('--force', 'overwrite an existing file')
    .option('--verbose', 'stack traces for errors')
    .action(async (options) => {
      const { initCommand } = await import('./init-command.js');
      exitCode = await initCommand(options);
    });

  program
    .command('clean')
    .description('remove every container, image, network and virtualenv the harness made')
    .option('--verbose', 'stack traces for errors')
    .action(async () => {
      const { cleanCommand } = await import('./clean-command.js');
      exitCode = await cleanCommand();
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return handleCliError(error, { verbose });
  }
}
