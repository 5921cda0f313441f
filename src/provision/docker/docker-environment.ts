import '../../dispose-polyfill.js';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { Server } from 'node:net';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-fs';
import type {
  EnvironmentPaths,
  ExecRequest,
  ExecResult,
  PythonEnvironment,
  ServicePort,
  Side,
} from '../environment.js';
import { execKillable, execRaw } from './container-exec.js';
import { forwardPort } from './port-forward.js';

export const CONTAINER_PATHS: EnvironmentPaths = {
  python: '/opt/venv/bin/python',
  workdir: '/workspace',
  runners: '/opt/upgrade-harness/runners',
  scratch: '/tmp/upgrade-harness-scratch',
};

// Each service port holds a forwarder on the host; a check needs one or two.
const MAX_SERVICE_PORTS = 8;

export interface ContainerHandle {
  client: Docker;
  container: Docker.Container;
  /** The environment's own internal network: no route out, reachable from the host's bridge. */
  network: Docker.Network;
  networkName: string;
}

/**
 * One container per environment for the whole run. Commands run through exec; the network is
 * attached (the default bridge) only for the duration of an exec that asks for it.
 */
export class DockerEnvironment implements PythonEnvironment {
  readonly backend = 'docker' as const;
  readonly paths = CONTAINER_PATHS;
  private networkUsers = 0;
  private networkChange: Promise<void> = Promise.resolve();
  private oomKillsSeen = 0;
  private readonly forwarders: Server[] = [];

  constructor(
    readonly side: Side,
    private readonly handle: ContainerHandle,
  ) {}

  async exec(request: ExecRequest): Promise<ExecResult> {
    if (request.network) await this.attachNetwork();
    try {
      return await execKillable(
        this.handle.container,
        { ...request, cwd: request.cwd ?? this.paths.workdir },
        () => this.oomKilledSinceLastLook(),
      );
    } finally {
      if (request.network) await this.detachNetwork();
    }
  }

  async servicePort(): Promise<ServicePort> {
    if (this.forwarders.length >= MAX_SERVICE_PORTS)
      throw new Error(`an environment has at most ${MAX_SERVICE_PORTS} service ports`);
    const info = await this.handle.container.inspect();
    const address = info.NetworkSettings.Networks[this.handle.networkName]?.IPAddress;
    if (!address)
      throw new Error(`container ${info.Id.slice(0, 12)} has no address on ${this.handle.networkName}`);
    const { hostPort, server } = await forwardPort(address);
    this.forwarders.push(server);
    return { portInside: hostPort, hostPort };
  }

  async copyIn(hostPath: string, pathInEnvironment: string): Promise<void> {
    await copyIntoContainer(this.handle.container, hostPath, pathInEnvironment);
  }

  async copyOut(pathInEnvironment: string, hostPath: string): Promise<void> {
    // The engine archives `/a/b` as entries under `b/`; they are unpacked beside `hostPath`, renamed.
    const archive = await this.handle.container.getArchive({ path: pathInEnvironment });
    const unpackDir = `${hostPath}.upgrade-harness-copy`;
    await mkdir(unpackDir, { recursive: true });
    await new Promise<void>((resolve, reject) => {
      const extract = tar.extract(unpackDir);
      extract.on('finish', resolve);
      extract.on('error', reject);
      archive.on('error', reject);
      archive.pipe(extract);
    });
    await rename(path.join(unpackDir, path.posix.basename(pathInEnvironment)), hostPath);
    await rm(unpackDir, { recursive: true, force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const server of this.forwarders) server.close();
    await removeContainerAndNetwork(this.handle);
  }

  /** Whether the container's memory cgroup killed a process since the last look (cgroup v2 or v1). */
  private async oomKilledSinceLastLook(): Promise<boolean> {
    const read = await execRaw(this.handle.container, {
      command: [
        'sh',
        '-c',
        'cat /sys/fs/cgroup/memory.events 2>/dev/null || cat /sys/fs/cgroup/memory/memory.oom_control',
      ],
    }).catch(() => undefined);
    const count = Number(/oom_kill (\d+)/.exec(read?.stdout ?? '')?.[1] ?? Number.NaN);
    if (Number.isNaN(count)) return (await this.handle.container.inspect()).State.OOMKilled;
    const killed = count > this.oomKillsSeen;
    this.oomKillsSeen = count;
    return killed;
  }

  // Concurrent execs that want the network share one attachment; changes are serialized.
  private attachNetwork(): Promise<void> {
    this.networkUsers += 1;
    if (this.networkUsers > 1) return this.networkChange;
    return this.changeNetwork(() =>
      this.handle.client.getNetwork('bridge').connect({ Container: this.handle.container.id }),
    );
  }

  private detachNetwork(): Promise<void> {
    this.networkUsers -= 1;
    if (this.networkUsers > 0) return this.networkChange;
    return this.changeNetwork(() =>
      this.handle.client
        .getNetwork('bridge')
        .disconnect({ Container: this.handle.container.id, Force: true }),
    );
  }

  private changeNetwork(change: () => Promise<unknown>): Promise<void> {
    const next = this.networkChange.then(change).then(() => undefined);
    this.networkChange = next.catch(() => undefined);
    return next;
  }
}

/** Copies a host file or folder to `target` in the container, owned by root (the container's user). */
export async function copyIntoContainer(
  container: Docker.Container,
  hostPath: string,
  target: string,
): Promise<void> {
  const targetInArchive = target.replace(/^\/+/, '');
  const pack = tar.pack(path.dirname(hostPath), {
    entries: [path.basename(hostPath)],
    map: (header) => {
      header.name = path.posix.join(targetInArchive, header.name.slice(path.basename(hostPath).length));
      header.uid = 0;
      header.gid = 0;
      return header;
    },
  });
  await container.putArchive(pack as unknown as NodeJS.ReadableStream, { path: '/' });
}

export async function removeContainerAndNetwork(handle: ContainerHandle): Promise<void> {
  await handle.container.remove({ force: true, v: true }).catch(ignoreMissing);
  await handle.network.remove().catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode === 404) return;
  throw error;
}
