import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { throwIfAborted } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { DockerSettings } from '../../scenario/docker-settings-schema.js';
import type { EnvironmentBackend, EnvironmentSpec, ProvisionResult } from '../environment.js';
import { environmentKey } from '../environment-key.js';
import { explainPipFailure } from '../pip-failure.js';
import { parseFacts } from '../read-facts.js';
import { type BaseImage, chooseBaseImage } from './base-image.js';
import { readDockerfileTemplate, writeBuildContext } from './build-context.js';
import { execRaw } from './container-exec.js';
import { DockerEnvironment, removeContainerAndNetwork } from './docker-environment.js';
import { LABEL, runLabels } from './docker-labels.js';
import { buildImage } from './image-build.js';
import { serveLocalIndexes } from './local-index-server.js';
import { startContainer } from './start-container.js';
import { sweepLeftovers } from './sweep.js';

export interface DockerBackendOptions {
  client: Docker;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  runnersDir: string;
  settings: DockerSettings;
}

/**
 * One image per dependency set, tagged `upgrade-harness/env:<key>` with the local cache's content
 * hash (base image id and Dockerfile template included), reused when present; one container per
 * environment for the run.
 */
export class DockerBackend implements EnvironmentBackend {
  readonly name = 'docker' as const;
  private readonly runId = randomBytes(4).toString('hex');
  private swept: Promise<unknown> | undefined;

  constructor(private readonly options: DockerBackendOptions) {}

  async provision(spec: EnvironmentSpec, signal: AbortSignal): Promise<ProvisionResult> {
    const startedAt = performance.now();
    const elapsed = () => (performance.now() - startedAt) / 1000;
    const { client, logger: parent } = this.options;
    const logger = parent.child({ side: spec.side, runId: this.runId });
    this.swept ??= sweepLeftovers(client).then((swept) =>
      logger.info(swept, 'swept leftovers of earlier runs'),
    );
    await this.swept;

    const base = await chooseBaseImage(client, this.options.settings.baseImage, spec.pythonVersion);
    const template = await readDockerfileTemplate();
    const key = await environmentKey({
      spec,
      interpreter: base.id,
      env: this.options.env,
      extra: { baseImage: base.name, dockerfileTemplate: template },
    });
    const tag = `upgrade-harness/env:${key}`;
    const details: Record<string, unknown> = {
      baseImage: base.name,
      baseImageId: base.id,
      baseImageChosen: base.chosenBecause,
      image: tag,
      environmentKey: key,
    };

    const cached = await imageExists(client, tag);
    if (cached) {
      logger.info({ tag }, 'reusing cached image');
      await writeFile(spec.logFile, `reused cached image ${tag}; no build was done\n`);
    } else {
      logger.info({ tag, baseImage: base.name }, 'building image');
      const built = await this.build(spec, base, template, tag, key, signal);
      if (built.status === 'failed') {
        return {
          status: 'failed',
          failure: built.failure,
          python: null,
          provisionSeconds: elapsed(),
          details,
        };
      }
    }
    throwIfAborted(signal);

    const handle = await startContainer({
      client,
      image: tag,
      side: spec.side,
      runId: this.runId,
      labels: { ...runLabels(this.runId), [LABEL.side]: spec.side },
      settings: this.options.settings,
      workdir: spec.workdir,
      runnersDir: this.options.runnersDir,
    });
    try {
      throwIfAborted(signal);
      const factsFile = await execRaw(handle.container, {
        command: ['cat', '/opt/upgrade-harness/facts.json'],
      });
      const { facts, glibc } = parseFacts({
        ...factsFile,
        durationSeconds: 0,
        timedOut: false,
        oomKilled: false,
      });
      details.glibc = glibc;
      details.container = handle.networkName;
      logger.info({ tag, container: handle.container.id, seconds: elapsed() }, 'environment started');
      const environment = new DockerEnvironment(spec.side, handle);
      return { status: 'ready', environment, facts, cached, provisionSeconds: elapsed(), details };
    } catch (error) {
      await removeContainerAndNetwork(handle);
      throw error;
    }
  }

  private async build(
    spec: EnvironmentSpec,
    base: BaseImage,
    template: string,
    tag: string,
    key: string,
    signal: AbortSignal,
  ): Promise<{ status: 'built' } | { status: 'failed'; failure: string[] }> {
    const contextDir = await mkdtemp(path.join(os.tmpdir(), 'upgrade-harness-build-'));
    const { indexUrl, extraIndexUrls } = spec.pip;
    const indexes = await serveLocalIndexes([...(indexUrl ? [indexUrl] : []), ...extraIndexUrls]);
    try {
      const { pipStep } = await writeBuildContext(contextDir, spec, base.name, template, indexes.map);
      await writeFile(spec.logFile, `building ${tag} FROM ${base.name} (${base.id})\n`);
      const outcome = await buildImage({
        client: this.options.client,
        contextDir,
        tag,
        labels: {
          ...runLabels(this.runId),
          [LABEL.kind]: 'environment',
          [LABEL.environmentKey]: key,
          [LABEL.side]: spec.side,
        },
        pipStep,
        networkMode: indexes.networkMode,
        logFile: spec.logFile,
        progress: spec.progress,
        signal,
      });
      if (outcome.status === 'pip-failed')
        return { status: 'failed', failure: explainPipFailure(outcome.pipOutput) };
      return { status: 'built' };
    } finally {
      await indexes.close();
      await rm(contextDir, { recursive: true, force: true });
    }
  }
}

async function imageExists(client: Docker, tag: string): Promise<boolean> {
  try {
    await client.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}
