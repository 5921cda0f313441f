import { execa } from 'execa';

/** Containers and networks of the harness the engine still holds, as `docker ps -a` shows them by label. */
export async function harnessLeftovers(): Promise<{ containers: string[]; networks: string[] }> {
  const filter = ['--filter', 'label=org.upgrade-harness.managed=true'];
  const list = async (args: string[]) =>
    String((await execa('docker', [...args, ...filter])).stdout)
      .split('\n')
      .filter(Boolean);
  return {
    containers: await list(['ps', '-a', '--format', '{{.Names}}']),
    networks: await list(['network', 'ls', '--format', '{{.Name}}']),
  };
}

/** Fails loudly when no engine answers: these tests never skip Docker silently. */
export async function requireEngine(): Promise<void> {
  const info = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], { reject: false });
  if (info.exitCode !== 0) {
    throw new Error(
      `No Docker engine answers (${String(info.stderr).trim()}). Run \`bash test/setup/prepare-machine.sh\` as root first.`,
    );
  }
}
