import type { PipCheck } from '../report/report-schema.js';

export type Side = 'baseline' | 'candidate';
export const SIDES: readonly Side[] = ['baseline', 'candidate'];

export type BackendName = 'local' | 'docker';

/** A command to run inside an environment. Paths are as the environment sees them. */
export interface ExecRequest {
  command: readonly string[];
  /** Defaults to the environment's copy of the scenario's workdir. */
  cwd?: string;
  env?: Record<string, string>;
  timeoutSeconds: number;
  /** Whether the command may reach the network; backends that can isolate it do so when false. */
  network?: boolean;
  /** Host file that receives the command's full stdout and stderr. */
  logFile?: string;
  signal?: AbortSignal;
}

export interface ExecResult {
  /** null when the process was killed (timeout, out of memory, interruption). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationSeconds: number;
  timedOut: boolean;
  oomKilled: boolean;
}

/** A port a server in the environment listens on, and where the host reaches it. */
export interface ServicePort {
  /** The port the server binds inside the environment, on all interfaces (0.0.0.0). */
  portInside: number;
  /** Where the host connects: always on 127.0.0.1, never on another interface. */
  hostPort: number;
}

/** Where things are inside an environment. */
export interface EnvironmentPaths {
  python: string;
  workdir: string;
  /** The harness's Python runners (`runners/` of this package). */
  runners: string;
  /** A directory the checks may write to; removed with the environment. */
  scratch: string;
}

/** A provisioned environment, ready to run checks; disposing it stops and removes what the run started. */
export interface PythonEnvironment extends AsyncDisposable {
  readonly side: Side;
  readonly backend: BackendName;
  readonly paths: EnvironmentPaths;
  /**
   * Runs a command to its end. A long-running server is an exec that is not awaited: abort its
   * `signal` to stop it (its whole process group is killed) and then await the result.
   */
  exec(request: ExecRequest): Promise<ExecResult>;
  /**
   * Reserves a port for a server started with `exec` (e.g. a gradio app) and says where the host
   * reaches it. Each call gives a new port; a few per environment are available.
   */
  servicePort(): Promise<ServicePort>;
  /** Copies a file or directory out of the environment onto the host. */
  copyOut(pathInEnvironment: string, hostPath: string): Promise<void>;
  /** Copies a host file or directory into the environment. */
  copyIn(hostPath: string, pathInEnvironment: string): Promise<void>;
}

export interface EnvironmentFacts {
  python: string;
  packages: Record<string, string>;
  pipCheck: PipCheck;
}

export interface PipSettings {
  indexUrl?: string | undefined;
  extraIndexUrls: string[];
  findLinks: string[];
  trustedHosts: string[];
  caBundle?: string | undefined;
  noIndex: boolean;
  /** Constraints files from the host's pip configuration (`pip.fromHost`), beside the set's own. */
  constraintFiles: string[];
  extraArgs: string[];
}

/** Everything that decides what one environment contains. */
export interface EnvironmentSpec {
  side: Side;
  pythonVersion: string;
  requirements: string[];
  requirementsFile?: string | undefined;
  constraints: string[];
  constraintsFile?: string | undefined;
  pip: PipSettings;
  /** Host directory of the project files the checks need. */
  workdir: string;
  /** Host file that receives pip's full output. */
  logFile: string;
  /** Receives a person-readable line for each step of a long build (image build steps, pip's downloads). */
  progress?: ((line: string) => void) | undefined;
}

export type ProvisionResult =
  | {
      status: 'ready';
      environment: PythonEnvironment;
      facts: EnvironmentFacts;
      cached: boolean;
      provisionSeconds: number;
      details: Record<string, unknown>;
    }
  | {
      status: 'failed';
      /** Lines that explain the failure, quoted from pip where it said why. */
      failure: string[];
      python: string | null;
      provisionSeconds: number;
      details: Record<string, unknown>;
    };

/** Builds environments of one kind (local virtualenvs, Docker containers). */
export interface EnvironmentBackend {
  readonly name: BackendName;
  provision(spec: EnvironmentSpec, signal: AbortSignal): Promise<ProvisionResult>;
}
