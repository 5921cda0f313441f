import type Docker from 'dockerode';
import { HarnessError } from '../../errors.js';

export interface BaseImage {
  name: string;
  /** The engine's content id (sha256:…); part of every environment image's cache key. */
  id: string;
  /** Why this image was taken, for the report. */
  chosenBecause: string;
}

/** The image `docker/build-base-image.sh` makes from Debian packages alone. */
export const offlineImageName = (minor: string) => `upgrade-harness/python:${minor}-bookworm`;

/**
 * The scenario's base image (pulled when absent and a registry answers), else `python:<version>-slim`
 * when the engine already has it, else the harness's offline image for that version. Builds never
 * pull: the classic builder would contact registry-1.docker.io for a `FROM` it could resolve locally.
 */
export async function chooseBaseImage(
  client: Docker,
  requested: string | undefined,
  pythonVersion: string,
): Promise<BaseImage> {
  if (requested) {
    const id = (await imageId(client, requested)) ?? (await pullImage(client, requested));
    if (id) return { name: requested, id, chosenBecause: 'named by the scenario (docker.baseImage)' };
    throw missingImageError(
      `The base image ${requested} named by the scenario is not in the Docker engine, and no registry answered a pull.`,
      pythonVersion,
    );
  }

  const slim = `python:${pythonVersion}-slim`;
  const slimId = await imageId(client, slim);
  if (slimId) return { name: slim, id: slimId, chosenBecause: 'the default, present locally' };

  const minor = pythonVersion.split('.').slice(0, 2).join('.');
  const offline = offlineImageName(minor);
  const offlineId = await imageId(client, offline);
  if (offlineId) {
    return { name: offline, id: offlineId, chosenBecause: `${slim} is not present; the offline image is` };
  }
  throw missingImageError(
    `Neither ${slim} nor the offline image ${offline} is in the Docker engine (builds never pull).`,
    pythonVersion,
  );
}

async function imageId(client: Docker, name: string): Promise<string | undefined> {
  try {
    return (await client.getImage(name).inspect()).Id;
  } catch {
    return undefined;
  }
}

async function pullImage(client: Docker, name: string): Promise<string | undefined> {
  try {
    const stream = await client.pull(name);
    await new Promise<void>((resolve, reject) =>
      client.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
    );
    return await imageId(client, name);
  } catch {
    return undefined;
  }
}

function missingImageError(message: string, pythonVersion: string): HarnessError {
  const minor = pythonVersion.split('.').slice(0, 2).join('.');
  return new HarnessError('BASE_IMAGE_MISSING', message, {
    hint:
      `Build the offline base image from Debian packages alone: \`sudo docker/build-base-image.sh ${minor}\` ` +
      '(bookworm ships Python 3.11 only; see docker/README.md for a local mirror or `docker load`), ' +
      'or `docker load` an image and name it in the scenario as `docker.baseImage`, or use --backend local.',
  });
}
