import type { JunitTestCase, TestStatus } from './junit-results.js';
import type { WarningsFile } from './warnings-json.js';

/** One test of one side, keyed by pytest's nodeid. */
export interface TestResult {
  id: string;
  status: TestStatus;
  message?: string;
  text?: string;
  /** Set for the entry pytest writes when a test module cannot be imported. */
  collectionError?: boolean;
}

/**
 * Names each JUnit test case by its nodeid. JUnit XML only has (classname, name); the warnings
 * plugin records that pair for every nodeid, so the two files join. Without the plugin's file the
 * id is rebuilt from the pair, which is less exact (`a.b.test_x::name` instead of `a/b/test_x.py::name`).
 */
export function namedTestResults(cases: JunitTestCase[], warnings: WarningsFile | undefined): TestResult[] {
  const nodeids = new Map<string, { nodeid: string; collectionError: boolean }>();
  for (const [nodeid, test] of Object.entries(warnings?.tests ?? {}))
    nodeids.set(addressKey(test.junit), { nodeid, collectionError: false });
  for (const error of warnings?.collection_errors ?? [])
    nodeids.set(addressKey(error.junit), { nodeid: error.nodeid, collectionError: true });

  return cases.map((testCase) => {
    const known = nodeids.get(addressKey(testCase));
    const collectionError = known?.collectionError ?? testCase.message === 'collection failure';
    return {
      id: known?.nodeid ?? [testCase.classname, testCase.name].filter(Boolean).join('::'),
      status: testCase.status,
      ...(testCase.message !== undefined ? { message: testCase.message } : {}),
      ...(testCase.text !== undefined ? { text: testCase.text } : {}),
      ...(collectionError ? { collectionError } : {}),
    };
  });
}

function addressKey(address: { classname: string; name: string }): string {
  return `${address.classname}\u0000${address.name}`;
}
