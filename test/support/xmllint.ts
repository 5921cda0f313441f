import { execa } from 'execa';
import { fixture } from './run-cli.js';

/** Validates an XML file against the JUnit XML schema kept in test/fixtures/junit-schema. */
export async function validateJunit(file: string): Promise<{ valid: boolean; output: string }> {
  const result = await execa('xmllint', ['--noout', '--schema', fixture('junit-schema', 'junit.xsd'), file], {
    reject: false,
  });
  return { valid: result.exitCode === 0, output: `${result.stdout}${result.stderr}` };
}
