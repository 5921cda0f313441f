import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { packagePath } from '../../package-paths.js';
import type { Side } from '../../provision/environment.js';
import type { SideResult } from '../../report/report-schema.js';
import { type CheckKind, checkBaseShape, skippedSide } from '../check-kind.js';
import { auditSummary, countsText, severityChart } from './audit-summary.js';
import { type AuditComparison, compareAudits, countBySeverity } from './compare-audits.js';
import { type AdvisoryMatch, matchAdvisories } from './match-advisories.js';
import { loadAdvisories, SEVERITIES } from './osv-records.js';
import { mergeMatches, type PipAuditResult, runPipAudit } from './pip-audit.js';

const severityList = z.array(z.enum(SEVERITIES));

export const auditCheckSchema = z.strictObject({
  ...checkBaseShape,
  kind: z.literal('audit'),
  advisories: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .describe(
      'OSV JSON files or folders of them, relative to the scenario file. Default: the snapshot shipped in advisories/osv. Example: [advisories/osv, ./our-advisories]',
    ),
  failOn: z
    .strictObject({
      remaining: severityList
        .default(['critical', 'high'])
        .describe(
          'Severities that fail the check when an advisory stays after the upgrade. Default [critical, high].',
        ),
      introduced: severityList
        .default(['critical', 'high', 'moderate'])
        .describe(
          'Severities that make the check regress when the upgrade brings an advisory in. Default [critical, high, moderate].',
        ),
    })
    .prefault({})
    .describe('Gate rules. Example: { remaining: [critical, high], introduced: [critical, high, moderate] }'),
  waivers: z
    .array(
      z.strictObject({
        id: z.string().min(1).describe('Advisory id or alias. Example: GHSA-63cw-57p8-fm3p'),
        reason: z
          .string()
          .min(1)
          .describe('Why it is accepted, for the report. Example: no untrusted checkpoints'),
        expires: z.iso
          .date('expected a date such as 2027-03-31')
          .describe(
            'Last day (UTC) the waiver holds; after it the advisory counts again. Example: 2027-03-31',
          ),
      }),
    )
    .default([])
    .describe('Advisories accepted for a while: listed in the report but not counted by the gate.'),
  pipAudit: z
    .boolean()
    .default(false)
    .describe(
      'Also run pip-audit inside each environment (installed into its scratch folder; needs the network). Its findings carry no severity (`unknown`). Default false.',
    ),
});
export type AuditCheck = z.infer<typeof auditCheckSchema>;

function advisorySources(check: AuditCheck, scenarioDir: string): string[] {
  if (check.advisories === undefined) return [packagePath('advisories', 'osv')];
  const list = typeof check.advisories === 'string' ? [check.advisories] : check.advisories;
  return list.map((source) => path.resolve(scenarioDir, source));
}

/**
 * Matches each side's installed packages against OSV advisories and reports which the upgrade
 * fixed, which remain and which it introduced, gated by `failOn` and the waivers that still hold.
 */
export const auditCheckKind: CheckKind<AuditCheck> = {
  kind: 'audit',
  schema: auditCheckSchema,
  async rules(check, paths) {
    const problems = [];
    const sources = typeof check.advisories === 'string' ? [check.advisories] : (check.advisories ?? []);
    for (const [index, source] of sources.entries()) {
      const absolute = path.resolve(paths.scenarioDir, source);
      const exists = await access(absolute).then(
        () => true,
        () => false,
      );
      const at = typeof check.advisories === 'string' ? ['advisories'] : ['advisories', index];
      if (!exists) problems.push({ path: at, message: `advisory file or folder ${absolute} does not exist` });
    }
    return problems;
  },
  async run(context) {
    const startedAt = performance.now();
    const advisories = await loadAdvisories(advisorySources(context.check, context.scenarioDir));
    const matches: Partial<Record<Side, AdvisoryMatch[]>> = {};
    const pipAudits: Partial<Record<Side, PipAuditResult>> = {};
    for (const side of ['baseline', 'candidate'] as const) {
      const packages = context.packages[side];
      const environment = context.environments[side];
      if (!packages) continue;
      matches[side] = matchAdvisories(advisories, packages);
      if (!context.check.pipAudit || !environment) continue;
      const result = await runPipAudit(environment, packages, {
        timeoutSeconds: context.check.timeoutSeconds,
        signal: context.signal,
        logFile: path.join(context.artifactsDir, `${context.check.id}-${side}-pip-audit.log`),
      });
      pipAudits[side] = result;
      if (result.status === 'ran') matches[side] = mergeMatches(matches[side], result.matches);
    }
    const comparison = compareAudits(matches.baseline ?? [], matches.candidate ?? [], {
      failOn: context.check.failOn,
      waivers: context.check.waivers,
      now: context.now(),
      installed: {
        ...(context.packages.baseline ? { baseline: context.packages.baseline } : {}),
        ...(context.packages.candidate ? { candidate: context.packages.candidate } : {}),
      },
    });
    const durationSeconds = (performance.now() - startedAt) / 1000;
    const side = (name: Side, failed: boolean): SideResult => {
      const found = matches[name];
      if (!found) return skippedSide(context.skipReasons[name] ?? `the ${name} environment is not ready`);
      const counts = countBySeverity(found.filter((match) => !isWaived(match, comparison)));
      const pipAudit = pipAudits[name];
      const note = pipAudit?.status === 'unavailable' ? `; pip-audit unavailable: ${pipAudit.reason}` : '';
      return {
        status: failed ? 'failed' : 'passed',
        durationSeconds,
        message: countsText(counts) + note,
        details: { counts, advisories: found, ...(pipAudit ? { pipAudit } : {}) },
      };
    };
    return {
      baseline: side('baseline', comparison.baselineFailed),
      candidate: side('candidate', comparison.candidateFailed),
      items: comparison.items,
      message: auditSummary(comparison, advisories.length),
      details: {
        advisoryRecords: advisories.length,
        failOn: context.check.failOn,
        counts: comparison.counts,
        fixed: comparison.fixed,
        remaining: comparison.remaining,
        introduced: comparison.introduced,
        waived: comparison.waived,
        expiredWaivers: comparison.expiredWaivers,
        charts: [severityChart(comparison)],
      },
    };
  },
};

function isWaived(match: AdvisoryMatch, comparison: AuditComparison): boolean {
  const all = [...comparison.fixed, ...comparison.remaining, ...comparison.introduced];
  return Boolean(all.find((entry) => entry.id === match.id)?.waivedBy);
}
