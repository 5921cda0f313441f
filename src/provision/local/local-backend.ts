import { mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { cacheDir } from '../cache-dir.js';
import type { EnvironmentBackend, EnvironmentSpec, ProvisionResult } from '../environment.js';
import { environmentKey } from '../environment-key.js';
import { explainPipFailure } from '../pip-failure.js';
import { pipInstallArgs } from '../pip-install-args.js';
import { FACTS_SCRIPT, type ParsedFacts, parseFacts } from '../read-facts.js';
import { runProcess } from '../run-process.js';
import { findPython } from './find-python.js';
import { LocalEnvironment } from './local-environment.js';

const FACTS_FILE = 'upgrade-harness-facts.json';
const PIP_TIMEOUT_SECONDS = 3600;

export interface LocalBackendOptions {
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  runnersDir: string;
}

/**
 * Virtualenvs on the host, cached by content hash. A venv is built under `builds/` and published
 * by atomically renaming a symlink `venvs/<key>` onto it, so a crashed or interrupted build is
 * never reused (venvs hold absolute paths, so the directory itself cannot be moved).
 */
export class LocalBackend implements EnvironmentBackend {
  readonly name = 'local' as const;
  private readonly env: NodeJS.ProcessEnv;
  private swept: Promise<void> | undefined;

  constructor(private readonly options: LocalBackendOptions) {
    this.env = options.env ?? process.env;
  }

  async provision(spec: EnvironmentSpec, signal: AbortSignal): Promise<ProvisionResult> {
    const startedAt = performance.now();
    const elapsed = () => (performance.now() - startedAt) / 1000;
    const logger = this.options.logger.child({ side: spec.side });
    const interpreter = await findPython(spec.pythonVersion, this.env);
    const key = await environmentKey({
      spec,
      interpreter: `${interpreter.version}@${interpreter.path}`,
      env: this.env,
    });
    const root = path.join(cacheDir(this.env), 'venvs');
    const published = path.join(root, key);
    const details = { interpreter: interpreter.path, environmentKey: key, venv: published };

    const cached = await readCachedFacts(published);
    if (cached) {
      logger.info({ key }, 'reusing cached environment');
      await writeFile(spec.logFile, `reused cached environment ${published}; no pip work was done\n`);
      const environment = await this.open(spec, published);
      return {
        status: 'ready',
        environment,
        facts: cached.facts,
        cached: true,
        provisionSeconds: elapsed(),
        details,
      };
    }

    this.swept ??= sweepAbandonedBuilds(root);
    await this.swept;
    const buildDir = path.join(root, 'builds', `${key}-${process.pid}-${Date.now()}`);
    logger.info({ key, buildDir }, 'building environment');
    try {
      const built = await this.build(spec, interpreter.path, buildDir, signal);
      if (built.status === 'failed') {
        return {
          status: 'failed',
          failure: built.failure,
          python: interpreter.version,
          provisionSeconds: elapsed(),
          details,
        };
      }
      await publish(buildDir, published);
      const environment = await this.open(spec, published);
      logger.info({ key, seconds: elapsed() }, 'environment built');
      return {
        status: 'ready',
        environment,
        facts: built.facts.facts,
        cached: false,
        provisionSeconds: elapsed(),
        details,
      };
    } catch (error) {
      await rm(buildDir, { recursive: true, force: true });
      throw error;
    }
  }

  private open(spec: EnvironmentSpec, venvDir: string): Promise<LocalEnvironment> {
    return LocalEnvironment.open({
      side: spec.side,
      venvDir,
      workdir: spec.workdir,
      runnersDir: this.options.runnersDir,
      env: this.env,
    });
  }

  private async build(
    spec: EnvironmentSpec,
    interpreterPath: string,
    buildDir: string,
    signal: AbortSignal,
  ): Promise<{ status: 'ready'; facts: ParsedFacts } | { status: 'failed'; failure: string[] }> {
    await mkdir(path.dirname(buildDir), { recursive: true });
    const run = (file: string, args: string[]) =>
      runProcess({
        file,
        args,
        cwd: spec.workdir,
        env: this.env,
        timeoutSeconds: PIP_TIMEOUT_SECONDS,
        logFile: spec.logFile,
        signal,
      });

    const venv = await run(interpreterPath, ['-m', 'venv', buildDir]);
    throwIfAborted(signal);
    if (venv.exitCode !== 0) throw new Error(`python -m venv failed: ${venv.stderr.trim()}`);

    const python = path.join(buildDir, 'bin', 'python');
    let inlineConstraints: string | undefined;
    if (spec.constraints.length > 0) {
      inlineConstraints = path.join(buildDir, 'upgrade-harness-constraints.txt');
      await writeFile(inlineConstraints, `${spec.constraints.join('\n')}\n`);
    }
    const install = await run(python, pipInstallArgs(spec, inlineConstraints));
    throwIfAborted(signal);
    if (install.exitCode !== 0) {
      await rm(buildDir, { recursive: true, force: true });
      return { status: 'failed', failure: explainPipFailure(`${install.stdout}\n${install.stderr}`) };
    }

    const facts = parseFacts(await run(python, ['-c', FACTS_SCRIPT]));
    await writeFile(path.join(buildDir, FACTS_FILE), JSON.stringify(facts, null, 2));
    return { status: 'ready', facts };
  }
}

async function readCachedFacts(venvDir: string): Promise<ParsedFacts | undefined> {
  const text = await readFile(path.join(venvDir, FACTS_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as ParsedFacts);
}

/**
 * Removes builds left by runs that died without cleaning up (killed with SIGKILL, a crash). A build's
 * name carries the pid of the run making it; one whose run is gone and that no `venvs/<key>` link
 * points at can never be published.
 */
export async function sweepAbandonedBuilds(venvsDir: string): Promise<void> {
  const buildsDir = path.join(venvsDir, 'builds');
  const links = await readdir(venvsDir).catch(() => [] as string[]);
  const published = new Set(
    await Promise.all(links.map((link) => readlink(path.join(venvsDir, link)).catch(() => ''))),
  );
  for (const entry of await readdir(buildsDir).catch(() => [] as string[])) {
    const build = path.join(buildsDir, entry);
    const pid = Number(entry.split('-').at(-2));
    if (published.has(build) || !Number.isInteger(pid) || pid <= 0 || isProcessAlive(pid)) continue;
    await rm(build, { recursive: true, force: true });
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Points `published` at `buildDir` in one rename, replacing an older link if there is one. */
async function publish(buildDir: string, published: string): Promise<void> {
  const temporaryLink = `${published}.link-${process.pid}`;
  await rm(temporaryLink, { force: true });
  await symlink(buildDir, temporaryLink);
  await rename(temporaryLink, published);
}
