import type Docker from 'dockerode';
import { LABEL, ownerIsGone } from './docker-labels.js';

const managed = { label: [`${LABEL.managed}=true`] };

/** Removes containers and networks left by earlier runs on this host whose process is gone (a crash, a kill -9). */
export async function sweepLeftovers(client: Docker): Promise<{ containers: number; networks: number }> {
  const containers = (await client.listContainers({ all: true, filters: managed })).filter((info) =>
    ownerIsGone(info.Labels[LABEL.owner]),
  );
  for (const info of containers)
    await client
      .getContainer(info.Id)
      .remove({ force: true })
      .catch(() => undefined);
  const networks = (await client.listNetworks({ filters: managed })).filter((info) =>
    ownerIsGone(info.Labels?.[LABEL.owner]),
  );
  for (const info of networks)
    await client
      .getNetwork(info.Id)
      .remove()
      .catch(() => undefined);
  return { containers: containers.length, networks: networks.length };
}

/**
 * Removes every container and network of the harness, and every environment image. The offline
 * base image is kept: rebuilding it takes minutes and, offline, a Debian mirror.
 */
export async function removeEverything(client: Docker): Promise<{ lines: string[]; bytes: number }> {
  const containers = await client.listContainers({ all: true, filters: managed });
  for (const info of containers) await client.getContainer(info.Id).remove({ force: true, v: true });
  const networks = await client.listNetworks({ filters: managed });
  for (const info of networks) await client.getNetwork(info.Id).remove();
  const images = await client.listImages({ filters: { label: [`${LABEL.kind}=environment`] } });
  let bytes = 0;
  for (const info of images) {
    await client.getImage(info.Id).remove({ force: true });
    bytes += info.Size;
  }
  return {
    lines: [
      `Removed ${containers.length} container(s), ${networks.length} network(s) and ${images.length} environment image(s) from the Docker engine.`,
    ],
    bytes,
  };
}
