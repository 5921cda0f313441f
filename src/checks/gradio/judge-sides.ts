import type { Side } from '../../provision/environment.js';
import type { SideResult } from '../../report/report-schema.js';
import type { ItemComparison } from '../check-kind.js';
import type { GradioCheck } from './gradio-check-schema.js';
import type { SideParts } from './side-parts.js';

/** How far one side got: its app ran the parts, did not start, or the side was not run at all. */
export type SideRun =
  | { state: 'ran'; parts: SideParts; durationSeconds: number; logFile: string }
  | { state: 'did-not-start'; message: string; logTail: string; durationSeconds: number; logFile: string }
  | { state: 'not-run'; result: SideResult };

type ItemVerdicts = Map<string, { passed: boolean; message: string }>;

/** The items a check is made of: each endpoint, the browser part and the file-access part. */
export function itemNames(check: GradioCheck): string[] {
  return [
    ...check.endpoints.map((endpoint) => `api ${endpoint.api}`),
    ...(check.browser ? ['browser'] : []),
    ...(check.fileProbes ? ['file access'] : []),
  ];
}

function itemVerdicts(check: GradioCheck, run: Exclude<SideRun, { state: 'not-run' }>): ItemVerdicts {
  const verdicts: ItemVerdicts = new Map();
  if (run.state === 'did-not-start') {
    for (const name of itemNames(check)) verdicts.set(name, { passed: false, message: run.message });
    return verdicts;
  }
  const { parts } = run;
  for (const endpoint of parts.endpoints ?? []) {
    verdicts.set(`api ${endpoint.api}`, {
      passed: endpoint.passed,
      message: `${endpoint.route}: ${endpoint.message}`,
    });
  }
  if (parts.browser)
    verdicts.set('browser', { passed: parts.browser.passed, message: parts.browser.message });
  if (parts.fileProbes) {
    const leaks = parts.fileProbes.probes.filter((probe) => probe.leaked);
    verdicts.set('file access', {
      passed: leaks.length === 0,
      message:
        leaks.length === 0
          ? `refused the canary on all ${parts.fileProbes.probes.length} requests`
          : `served the canary to ${leaks.length} request(s), e.g. GET ${leaks[0]?.requestPath}`,
    });
  }
  return verdicts;
}

/** Each side's result from its items, and the item-by-item comparison that decides the outcome. */
export function judgeSides(
  check: GradioCheck,
  runs: Record<Side, SideRun>,
): { baseline: SideResult; candidate: SideResult; items?: ItemComparison } {
  const verdicts: Partial<Record<Side, ItemVerdicts>> = {};
  const result = (side: Side): SideResult => {
    const run = runs[side];
    if (run.state === 'not-run') return run.result;
    const items = itemVerdicts(check, run);
    verdicts[side] = items;
    const failures = [...items].filter(([, item]) => !item.passed);
    const version = run.state === 'ran' ? `gradio ${run.parts.gradioVersion}: ` : '';
    return {
      status: failures.length === 0 && run.state === 'ran' ? 'passed' : 'failed',
      durationSeconds: run.durationSeconds,
      message:
        run.state === 'did-not-start'
          ? run.message
          : failures.length === 0
            ? `${version}${[...items.keys()].join(', ') || 'the app started'}: passed`
            : `${version}${failures.map(([name, item]) => `${name}: ${item.message}`).join('; ')}`,
      logFile: run.logFile,
      ...(run.state === 'did-not-start' ? { stderrTail: run.logTail } : {}),
      details: run.state === 'ran' ? { ...run.parts } : {},
    };
  };
  const baseline = result('baseline');
  const candidate = result('candidate');
  if (!verdicts.baseline || !verdicts.candidate) return { baseline, candidate };
  return { baseline, candidate, items: compareItems(verdicts.baseline, verdicts.candidate) };
}

function compareItems(baseline: ItemVerdicts, candidate: ItemVerdicts): ItemComparison {
  const counts = { regressed: 0, improved: 0, failedBoth: 0 };
  for (const [name, base] of baseline) {
    const cand = candidate.get(name);
    if (!cand) continue;
    if (base.passed && !cand.passed) counts.regressed++;
    else if (!base.passed && cand.passed) counts.improved++;
    else if (!base.passed && !cand.passed) counts.failedBoth++;
  }
  return counts;
}
