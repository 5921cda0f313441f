import { access } from 'node:fs/promises';
import { execa } from 'execa';
import { HarnessError } from '../errors.js';
import { pipConfigFiles } from './environment-key.js';

/**
 * pip's own configuration files parsed by Python's configparser, as pip parses them (sections,
 * continuation lines, comments). Across the files, a later file wins a key; the `[install]`
 * section wins over `[global]`, as it does for `pip install`. Prints one JSON object.
 */
const READ_PIP_CONFIG = `
import configparser, json, sys
parsers = []
for name in sys.argv[1:]:
    parser = configparser.RawConfigParser()
    try:
        parser.read(name, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as error:
        sys.exit(f"{name}: {' '.join(str(error).split())}")
    parsers.append(parser)
merged = {}
for section in ("global", "install"):
    for parser in parsers:
        if parser.has_section(section):
            merged.update((key.replace("_", "-"), value) for key, value in parser.items(section))
print(json.dumps(merged))
`;

/** The settings of the host's pip configuration files (key → raw value); empty when there are none. */
export async function readHostPipConfig(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const present = (
    await Promise.all(
      pipConfigFiles(env).map((file) =>
        access(file).then(
          () => file,
          () => null,
        ),
      ),
    )
  ).filter((file): file is string => file !== null);
  if (present.length === 0) return {};

  const python = 'python3';
  const result = await execa(python, ['-c', READ_PIP_CONFIG, ...present], { reject: false, env });
  if (result.failed && (result as { code?: string }).code === 'ENOENT')
    throw new HarnessError(
      'PYTHON_NOT_FOUND',
      `pip.fromHost reads the host's pip configuration (${present.join(', ')}) with Python, as pip does, but ${python} is not on PATH.`,
      { hint: 'Install python3 on this machine.' },
    );
  if (result.exitCode !== 0)
    throw new HarnessError(
      'PIP_CONFIG_INVALID',
      `pip.fromHost could not read the host's pip configuration: ${result.stderr.trim()}`,
      { hint: 'Fix or remove that file; pip itself would refuse it too.' },
    );
  return JSON.parse(result.stdout) as Record<string, string>;
}
