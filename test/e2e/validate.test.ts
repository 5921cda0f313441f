import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../support/run-cli.js';

const invalid = (name: string) => `test/fixtures/invalid/${name}.yaml`;

async function validate(name: string) {
  const result = await runCli(['validate', invalid(name)]);
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  // A user mistake is explained in a paragraph, never with a stack trace.
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

describe('validate on malformed scenarios', () => {
  it('places broken YAML', async () => {
    expect(await validate('broken-yaml')).toMatch(/broken-yaml\.yaml:6:\d+ {2}YAML: /);
  });

  it('names an unknown key, the valid ones and the likely one', async () => {
    const stderr = await validate('unknown-key');
    expect(stderr).toContain('unknown-key.yaml:10:5  checks[0].modles  unknown key; did you mean "modules"?');
    expect(stderr).toContain('Valid keys here: id, description, timeoutSeconds, kind, modules.');
  });

  it('reports every wrong type at once', async () => {
    const stderr = await validate('wrong-type');
    expect(stderr).toContain('(3 problems)');
    expect(stderr).toContain('wrong-type.yaml:3:9  python  expected a quoted Python version such as "3.11"');
    expect(stderr).toContain('wrong-type.yaml:5:17  baseline.requirements  expected array, received string');
    expect(stderr).toContain(
      'wrong-type.yaml:12:21  checks[0].timeoutSeconds  expected number, received string',
    );
  });

  it('names a missing section', async () => {
    expect(await validate('missing-section')).toMatch(
      /missing-section\.yaml:1:1 {2}candidate {2}required: expected object/,
    );
  });

  it('finds duplicate check ids', async () => {
    expect(await validate('duplicate-id')).toContain(
      'duplicate-id.yaml:11:9  checks[1].id  duplicate check id "imports"; checks[0] has it already',
    );
  });

  it('finds a missing requirements file', async () => {
    expect(await validate('missing-file')).toMatch(
      /missing-file\.yaml:4:21 {2}baseline\.requirementsFile {2}file .*requirements-old\.txt does not exist/,
    );
  });

  it('rejects a requirement that is not PEP 508', async () => {
    expect(await validate('invalid-requirement')).toContain(
      'invalid-requirement.yaml:6:18  candidate.requirements[0]  "six=1.16.0" has an invalid version specifier "=1.16.0"',
    );
  });

  it('rejects an unsupported version and an unknown check kind', async () => {
    const stderr = await validate('unknown-kind');
    expect(stderr).toContain('unknown-kind.yaml:1:10  version  this harness reads scenario version 1');
    expect(stderr).toContain(
      'unknown-kind.yaml:9:11  checks[0].kind  unknown check kind; expected one of: import, command',
    );
  });

  it('explains a scenario file that does not exist', async () => {
    const result = await runCli(['validate', 'no/such/scenario.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^upgrade-harness: The scenario file no\/such\/scenario\.yaml does not exist/,
    );
  });

  it('accepts the shipped examples', async () => {
    for (const file of ['examples/numpy-upgrade/scenario.yaml', fixture('contract-only', 'scenario.yaml')]) {
      const result = await runCli(['validate', file]);
      expect(result.stderr).toContain('is valid');
      expect(result.exitCode).toBe(0);
    }
  });
});
