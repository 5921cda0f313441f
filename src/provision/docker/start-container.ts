import type Docker from 'dockerode';
import type { DockerSettings } from '../../scenario/docker-settings-schema.js';
import { parseByteSize } from '../../scenario/docker-settings-schema.js';
import type { Side } from '../environment.js';
import { execRaw } from './container-exec.js';
import {
  CONTAINER_PATHS,
  type ContainerHandle,
  copyIntoContainer,
  removeContainerAndNetwork,
} from './docker-environment.js';

export interface StartRequest {
  client: Docker;
  image: string;
  side: Side;
  runId: string;
  labels: Record<string, string>;
  settings: DockerSettings;
  workdir: string;
  runnersDir: string;
}

/**
 * Starts the container of one environment, hardened: every capability dropped, no-new-privileges,
 * an init reaping orphans, the scenario's limits, and only an internal network (no route out).
 * The workdir and the runners are copied in, never bind-mounted. Removes what it made if it fails.
 */
export async function startContainer(request: StartRequest): Promise<ContainerHandle> {
  const { client, labels } = request;
  const networkName = `upgrade-harness-${request.runId}-${request.side}`;
  const network = await client.createNetwork({ Name: networkName, Internal: true, Labels: labels });
  let container: Docker.Container | undefined;
  try {
    container = await client.createContainer({
      name: networkName,
      Image: request.image,
      Cmd: ['sleep', 'infinity'],
      Labels: labels,
      WorkingDir: CONTAINER_PATHS.workdir,
      HostConfig: { ...limits(request.settings), ...hardening(), NetworkMode: networkName, Init: true },
    });
    await container.start();
    await execRaw(container, { command: ['mkdir', '-p', CONTAINER_PATHS.scratch, '/opt/upgrade-harness'] });
    await copyIntoContainer(container, request.workdir, CONTAINER_PATHS.workdir);
    await copyIntoContainer(container, request.runnersDir, CONTAINER_PATHS.runners);
    return { client, container, network, networkName };
  } catch (error) {
    await removeContainerAndNetwork({
      client,
      container: container ?? client.getContainer(networkName),
      network,
      networkName,
    });
    throw error;
  }
}

function hardening(): Docker.HostConfig {
  return { CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'] };
}

function limits(settings: DockerSettings): Docker.HostConfig {
  const memoryBytes = settings.memoryBytes ?? (settings.memory ? parseByteSize(settings.memory) : undefined);
  const config: Docker.HostConfig = { PidsLimit: settings.pidsLimit };
  if (settings.cpus !== undefined) config.NanoCpus = Math.round(settings.cpus * 1e9);
  if (settings.cpusetCpus !== undefined) config.CpusetCpus = settings.cpusetCpus;
  // Swap equal to memory: the limit is a real ceiling, as production's would be.
  if (memoryBytes !== undefined) Object.assign(config, { Memory: memoryBytes, MemorySwap: memoryBytes });
  if (settings.shmSize !== undefined) config.ShmSize = parseByteSize(settings.shmSize);
  return config;
}
