import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecResult } from '../environment.js';

const MAX_CAPTURED_BYTES = 64 * 1024 * 1024;
const PID_DIR = '/tmp/.upgrade-harness-exec';
const ABANDON_AFTER_KILL_MS = 10_000;

export interface RawExecRequest {
  command: readonly string[];
  cwd?: string | undefined;
  env?: Record<string, string> | undefined;
  logFile?: string | undefined;
}

/** Runs a command through the engine's exec API; stdout and stderr are demultiplexed and kept apart. */
export async function execRaw(
  container: Docker.Container,
  request: RawExecRequest,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const exec = await container.exec({
    Cmd: [...request.command],
    WorkingDir: request.cwd,
    Env: Object.entries(request.env ?? {}).map(([name, value]) => `${name}=${value}`),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const log = request.logFile ? await openLog(request.logFile) : undefined;
  const stdout = collector(log);
  const stderr = collector(log);
  container.modem.demuxStream(stream, stdout.sink, stderr.sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  if (log) await new Promise((resolve) => log.end(resolve));
  const inspected = await exec.inspect();
  return { exitCode: inspected.ExitCode ?? null, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs a check's command in its own session inside the container, so that a timeout or an
 * interruption kills everything it started (the engine's exec API has no kill of its own): the
 * wrapper records its process group id, and a second exec kills that group.
 */
export async function execKillable(
  container: Docker.Container,
  request: RawExecRequest & { timeoutSeconds: number; signal?: AbortSignal | undefined },
  oomKilledSince: () => Promise<boolean>,
): Promise<ExecResult> {
  const startedAt = performance.now();
  const execId = randomBytes(6).toString('hex');
  const pidFile = `${PID_DIR}/${execId}`;
  const wrapper = `mkdir -p ${PID_DIR} && echo $$ > ${pidFile} && exec "$@"`;
  // The engine starts an exec as a process-group leader, where setsid(1) would fork and return at
  // once; an outer shell runs it as a plain child instead, waits, and reports a kill as 128+N.
  // (`; exit $?` keeps dash from exec-ing its last command in place of itself.)
  const outer = 'w="$1"; shift; setsid sh -c "$w" sh "$@"; exit $?';
  const command = ['sh', '-c', outer, 'upgrade-harness-exec', wrapper, ...request.command];

  let timedOut = false;
  let killing: Promise<unknown> | undefined;
  let onKilled: () => void = () => undefined;
  const killed = new Promise<void>((resolve) => {
    onKilled = resolve;
  });
  const killGroup = () => {
    // dash's kill takes no `--`; a negative pid names the process group.
    killing ??= execRaw(container, {
      command: [
        'sh',
        '-c',
        `test -f ${pidFile} && kill -KILL -"$(cat ${pidFile})" 2>/dev/null; rm -f ${pidFile}`,
      ],
    })
      .catch(() => undefined)
      .finally(onKilled);
    return killing;
  };
  // Should the kill not end the exec (a process stuck in uninterruptible sleep), the run stops
  // waiting for it; removing the container at the end of the run ends it for good.
  const abandoned = killed
    .then(() => new Promise((resolve) => setTimeout(resolve, ABANDON_AFTER_KILL_MS).unref()))
    .then(() => ({ exitCode: null, stdout: '', stderr: 'the process did not end after it was killed\n' }));
  const timer = setTimeout(() => {
    timedOut = true;
    void killGroup();
  }, request.timeoutSeconds * 1000);
  request.signal?.addEventListener('abort', killGroup, { once: true });

  try {
    const result = await Promise.race([execRaw(container, { ...request, command }), abandoned]);
    const wasKilled = timedOut || request.signal?.aborted === true;
    const oomKilled = !wasKilled && result.exitCode === 137 && (await oomKilledSince());
    return {
      exitCode: wasKilled || oomKilled ? null : result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      durationSeconds: (performance.now() - startedAt) / 1000,
      timedOut,
      oomKilled,
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', killGroup);
    // Children that outlived their parent (a daemon started by a check) go with the group.
    await killGroup();
  }
}

async function openLog(file: string): Promise<WriteStream> {
  await mkdir(path.dirname(file), { recursive: true });
  return createWriteStream(file, { flags: 'a' });
}

function collector(log: WriteStream | undefined) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    log?.write(chunk);
    if (bytes >= MAX_CAPTURED_BYTES) return;
    chunks.push(chunk);
    bytes += chunk.length;
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}
