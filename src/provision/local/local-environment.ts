import '../../dispose-polyfill.js';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  EnvironmentPaths,
  ExecRequest,
  ExecResult,
  PythonEnvironment,
  ServicePort,
  Side,
} from '../environment.js';
import { runProcess } from '../run-process.js';
import { freeLoopbackPort } from './free-loopback-port.js';

/** A virtualenv on the host. Commands run in the scenario's workdir itself, with the venv first on PATH. */
export class LocalEnvironment implements PythonEnvironment {
  readonly backend = 'local' as const;

  private constructor(
    readonly side: Side,
    readonly paths: EnvironmentPaths,
    private readonly venvDir: string,
    private readonly baseEnv: NodeJS.ProcessEnv,
  ) {}

  static async open(options: {
    side: Side;
    venvDir: string;
    workdir: string;
    runnersDir: string;
    env: NodeJS.ProcessEnv;
  }): Promise<LocalEnvironment> {
    const scratch = await mkdtemp(path.join(os.tmpdir(), `upgrade-harness-${options.side}-`));
    const paths = {
      python: path.join(options.venvDir, 'bin', 'python'),
      workdir: options.workdir,
      runners: options.runnersDir,
      scratch,
    };
    return new LocalEnvironment(options.side, paths, options.venvDir, options.env);
  }

  exec(request: ExecRequest): Promise<ExecResult> {
    const [file, ...args] = request.command;
    if (!file) throw new Error('exec needs a command');
    // Without its venv, PATH would fall through to another Python and the check would judge the
    // wrong packages; `upgrade-harness clean` during a run does this.
    if (!existsSync(this.paths.python)) {
      throw new Error(
        `the ${this.side} virtualenv ${this.venvDir} was removed during the run (by \`upgrade-harness clean\`?)`,
      );
    }
    const { PYTHONHOME: _home, ...inherited } = this.baseEnv;
    return runProcess({
      file,
      args,
      cwd: request.cwd ?? this.paths.workdir,
      env: {
        ...inherited,
        VIRTUAL_ENV: this.venvDir,
        PATH: `${path.join(this.venvDir, 'bin')}${path.delimiter}${this.baseEnv.PATH ?? ''}`,
        PYTHONNOUSERSITE: '1',
        ...request.env,
      },
      timeoutSeconds: request.timeoutSeconds,
      logFile: request.logFile,
      signal: request.signal,
    });
  }

  async copyOut(pathInEnvironment: string, hostPath: string): Promise<void> {
    await cp(pathInEnvironment, hostPath, { recursive: true });
  }

  async copyIn(hostPath: string, pathInEnvironment: string): Promise<void> {
    await cp(hostPath, pathInEnvironment, { recursive: true });
  }

  /** On the host the service and the harness share the loopback interface, so both ports are one. */
  async servicePort(): Promise<ServicePort> {
    const port = await freeLoopbackPort();
    return { portInside: port, hostPort: port };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.paths.scratch, { recursive: true, force: true });
  }
}
