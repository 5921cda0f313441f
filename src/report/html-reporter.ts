import { renderMarkdownTables } from './html-sections.js';
import type { Report } from './report-schema.js';

const VERDICT_CLASS = { go: 'go', 'no-go': 'nogo', error: 'error' } as const;

/** report.html: self-contained (no scripts, fonts or images fetched), verdict and reasons on top. */
export function renderHtml(report: Report): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Upgrade report: ${escapeHtml(report.scenario.name)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1d232a; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.verdict { font-size: 1.4rem; font-weight: 700; padding: .6rem 1rem; border-radius: 6px; display: inline-block; }
.go { background: #dafbe1; color: #116329; } .nogo { background: #ffebe9; color: #a40e26; } .error { background: #fff8c5; color: #7d4e00; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } td, th { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
.outcome-regressed, .outcome-fail { color: #a40e26; font-weight: 600; } .outcome-improved, .outcome-pass { color: #116329; }
.outcome-error { color: #7d4e00; font-weight: 600; } .muted { color: #57606a; }
.sev-critical { color: #a40e26; font-weight: 700; } .sev-high { color: #bc4c00; font-weight: 600; }
figure.chart { margin: .5rem 0 1rem; } section.kind h3 { margin-top: 1.5rem; }
</style>
</head>
<body>
<h1>Upgrade report: ${escapeHtml(report.scenario.name)}</h1>
<p class="verdict ${VERDICT_CLASS[report.verdict]}">${report.verdict.toUpperCase()}</p>
${report.reasons.length > 0 ? `<ul>${report.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>` : ''}
<p class="muted">Scenario ${escapeHtml(report.scenario.file)} · backend ${report.backend} · ${escapeHtml(report.startedAt)} → ${escapeHtml(report.finishedAt)}</p>
${renderMarkdownTables(report)}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
