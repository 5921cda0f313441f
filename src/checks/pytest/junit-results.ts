import { XMLParser } from 'fast-xml-parser';

/** How one test ended, as pytest's JUnit XML (xunit2) records it. */
export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped' | 'xfailed';

export interface JunitTestCase {
  classname: string;
  name: string;
  status: TestStatus;
  timeSeconds: number;
  /** The one-line reason pytest puts in `message` (failure, error or skip). */
  message?: string;
  /** The full traceback text of a failure or error. */
  text?: string;
}

interface RawOutcome {
  '@_message'?: string;
  '@_type'?: string;
  '#text'?: string;
}

interface RawTestCase {
  '@_classname'?: string;
  '@_name'?: string;
  '@_time'?: string;
  failure?: RawOutcome | string;
  error?: RawOutcome | string;
  skipped?: RawOutcome | string;
}

const ARRAY_PATHS = new Set([
  'testsuites.testsuite',
  'testsuite',
  'testsuites.testsuite.testcase',
  'testsuite.testcase',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // pytest escapes newlines in `message` attributes as &#10;, which only the HTML entity table decodes.
  htmlEntities: true,
  isArray: (_name, jpath) => ARRAY_PATHS.has(String(jpath)),
});

/**
 * Reads the test cases of a pytest JUnit XML file. Both the `<testsuites>` wrapper pytest 5.1+
 * writes and a bare `<testsuite>` are accepted; see runners/PYTEST.md for where pytest puts what.
 */
export function parseJunitXml(xml: string): JunitTestCase[] {
  const document = parser.parse(xml) as {
    testsuites?: { testsuite?: { testcase?: RawTestCase[] }[] };
    testsuite?: { testcase?: RawTestCase[] }[];
  };
  const suites = document.testsuites?.testsuite ?? document.testsuite;
  if (!suites) throw new Error('no <testsuite> element: this is not a pytest JUnit XML file');
  return suites.flatMap((suite) => (suite.testcase ?? []).map(toTestCase));
}

function toTestCase(raw: RawTestCase): JunitTestCase {
  const base = {
    classname: raw['@_classname'] ?? '',
    name: raw['@_name'] ?? '',
    timeSeconds: Number(raw['@_time'] ?? 0) || 0,
  };
  // A teardown error after a pass carries only <error>; a failure plus a teardown error carries both.
  const error = outcomeOf(raw.error);
  const failure = outcomeOf(raw.failure);
  if (failure) return { ...base, status: 'failed', ...describe(failure, error) };
  if (error) return { ...base, status: 'error', ...describe(error) };

  const skipped = outcomeOf(raw.skipped);
  if (skipped) {
    const status = skipped.type === 'pytest.xfail' ? 'xfailed' : 'skipped';
    return { ...base, status, ...(skipped.message ? { message: skipped.message } : {}) };
  }
  return { ...base, status: 'passed' };
}

function outcomeOf(
  raw: RawOutcome | string | undefined,
): { message?: string; type?: string; text: string } | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return { text: raw };
  return {
    text: raw['#text'] ?? '',
    ...(raw['@_message'] !== undefined ? { message: raw['@_message'] } : {}),
    ...(raw['@_type'] !== undefined ? { type: raw['@_type'] } : {}),
  };
}

function describe(
  primary: { message?: string; text: string },
  extra?: { message?: string; text: string },
): { message?: string; text?: string } {
  const text = [primary.text, extra?.text].filter(Boolean).join('\n\n');
  const message = primary.message ?? firstErrorLine(primary.text);
  return { ...(message ? { message } : {}), ...(text ? { text } : {}) };
}

function firstErrorLine(text: string): string | undefined {
  return text
    .split('\n')
    .find((line) => line.startsWith('E '))
    ?.replace(/^E\s+/, '');
}
