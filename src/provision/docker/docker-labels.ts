import os from 'node:os';

/** Every container, network and image the harness makes carries these, so a sweep can find it. */
export const LABEL = {
  managed: 'org.upgrade-harness.managed',
  /** `environment` for dependency-set images; the offline base image has none. */
  kind: 'org.upgrade-harness.kind',
  run: 'org.upgrade-harness.run',
  /** `hostname:pid` of the run that made it; a sweep removes leftovers whose process is gone. */
  owner: 'org.upgrade-harness.owner',
  side: 'org.upgrade-harness.side',
  environmentKey: 'org.upgrade-harness.environment-key',
} as const;

export function runLabels(runId: string, pid = process.pid): Record<string, string> {
  return { [LABEL.managed]: 'true', [LABEL.run]: runId, [LABEL.owner]: `${os.hostname()}:${pid}` };
}

/** Whether a resource's owner label names a process on this host that no longer runs. */
export function ownerIsGone(owner: string | undefined): boolean {
  if (!owner) return false;
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid)) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
