import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { UsageError } from './flags';

export { freePort } from '../../test/support/free-port';

/**
 * The child processes a benchmark starts, and the cleanup it owes: every process started here
 * is ended again (gracefully first, SIGKILL as the last resort, also when the benchmark itself
 * dies), and every cleanup step runs once.
 */

export interface ManagedProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the process wrote (stdout and stderr). */
  recentOutput(): string[];
  /** pino lines at level warn (40) or above, counted; the first few are kept. */
  warnings: { count: number; first: string[] };
  /** SIGTERM, wait up to `graceMs`, then SIGKILL. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ManagedProcess>();
const cleanups: Array<{ name: string; run: () => Promise<void> | void }> = [];
let cleaningUp: Promise<void> | undefined;

export interface StartOptions {
  name: string;
  /** Arguments after `node` (flags and the script). */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Pin the process to this CPU with taskset. */
  cpu?: number | undefined;
}

export function startNodeProcess(options: StartOptions): ManagedProcess {
  const command = options.cpu === undefined ? process.execPath : 'taskset';
  const args =
    options.cpu === undefined ? options.nodeArgs : ['-c', String(options.cpu), process.execPath, ...options.nodeArgs];
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${options.name} could not be started`);

  const lines: string[] = [];
  const warnings = { count: 0, first: [] as string[] };
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        const level = /"level":(\d+)/.exec(line)?.[1];
        if (level && Number(level) >= 40) {
          warnings.count++;
          if (warnings.first.length < 5) warnings.first.push(line.slice(0, 500));
        }
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const managed: ManagedProcess = {
    name: options.name,
    pid: child.pid,
    child,
    exited,
    recentOutput: () => [...lines],
    warnings,
    async stop(graceMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      running.delete(managed);
    },
  };
  running.add(managed);
  void exited.then(() => running.delete(managed));
  return managed;
}

/** Registers a cleanup step (dropping a schema, removing a folder); steps run in reverse order. */
export function onCleanup(name: string, run: () => Promise<void> | void): void {
  cleanups.push({ name, run });
}

/** Ends every process still running, then runs the cleanup steps. Safe to call more than once. */
export function cleanUpEverything(): Promise<void> {
  cleaningUp ??= (async () => {
    await Promise.all([...running].map((p) => p.stop(10_000).catch(() => {})));
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        process.stderr.write(`cleanup "${step.name}" failed: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaningUp;
}

let handlersInstalled = false;
let interrupted = false;
const beforeCleanup: Array<() => void> = [];

/** True once Ctrl+C (or SIGTERM, or a crash) has started the cleanup. */
export function isInterrupted(): boolean {
  return interrupted;
}

/** Something to stop first when interrupted (the load generator, so servers can close). */
export function onInterrupt(stop: () => void): () => void {
  beforeCleanup.push(stop);
  return () => {
    const i = beforeCleanup.indexOf(stop);
    if (i >= 0) beforeCleanup.splice(i, 1);
  };
}

/** Ctrl+C, SIGTERM and crashes still end the children and run the cleanup steps. */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const bail = (why: string, code: number) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${why}: ending the processes this benchmark started…\n`);
    for (const stop of beforeCleanup.splice(0)) {
      try {
        stop();
      } catch {
        // ending anyway
      }
    }
    void cleanUpEverything().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => bail('Interrupted', 130));
  process.on('SIGTERM', () => bail('Terminated', 143));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    bail('Crashed', 1);
  });
  // The very last resort: never leave a child behind, whatever happened.
  process.on('exit', () => {
    for (const p of running) p.child.kill('SIGKILL');
  });
}

/**
 * Runs a benchmark: the cleanup handlers first, then `main`, then the cleanup, and exits with
 * `main`'s code (1 when it threw). After an interrupt the handler cleans up and exits by itself.
 */
export function runBenchmark(name: string, main: () => Promise<number>): void {
  installCleanupHandlers();
  const finish = async (code: number) => {
    if (isInterrupted()) return;
    await cleanUpEverything();
    process.exit(code);
  };
  main().then(finish, async (error: unknown) => {
    if (isInterrupted()) return;
    const refused = error instanceof UsageError;
    process.stderr.write(
      refused ? `${name}: ${error.message}\n` : `\n${name} failed: ${(error as Error).stack ?? error}\n`,
    );
    await finish(1);
  });
}

/** Polls `url` until it answers 200; fails early when the process exits. */
export async function waitForReady(url: string, process_: ManagedProcess, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  let exited = false;
  void process_.exited.then(() => (exited = true));
  for (;;) {
    if (exited)
      throw new Error(`${process_.name} exited before it was ready:\n${process_.recentOutput().slice(-30).join('\n')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(
        `${process_.name} was not ready within ${timeoutMs} ms:\n${process_.recentOutput().slice(-30).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Pinning {
  enabled: boolean;
  loadCpu?: number;
  serverCpu?: number;
  description: string;
}

/**
 * On a machine with at least two CPUs and `taskset`, puts this process (the load generator, all
 * its threads) on CPU 0 and leaves CPU 1 for the server child. PostgreSQL is not ours to pin.
 */
export function pinLoadGenerator(wanted: boolean): Pinning {
  if (!wanted) return { enabled: false, description: 'off (--no-pin): the OS schedules everything' };
  const cpus = availableParallelism();
  const probe = spawnSync('taskset', ['-V'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return { enabled: false, description: 'off: taskset not found' };
  if (cpus < 2) return { enabled: false, description: `off: only ${cpus} CPU` };
  const pin = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  if (pin.status !== 0) return { enabled: false, description: 'off: taskset could not pin this process' };
  return {
    enabled: true,
    loadCpu: 0,
    serverCpu: 1,
    description: `load generator (autocannon, this process) on CPU 0, server child on CPU 1 (taskset); PostgreSQL unpinned`,
  };
}

/**
 * The CPUs of `count` server children: every CPU but the load generator's in turn, so that on two
 * CPUs they all share CPU 1 (the core one server has alone) and with more each gets its own.
 */
export function serverCpus(pinning: Pinning, count: number): Array<number | undefined> {
  const first = pinning.serverCpu;
  if (first === undefined) return Array.from({ length: count }, () => undefined);
  // cpus(), not availableParallelism(): this process is pinned to one CPU by now.
  const spare = Math.max(1, cpus().length - first);
  return Array.from({ length: count }, (_, i) => first + (i % spare));
}

/** Share of all CPUs busy over `ms` (from /proc/stat; undefined where there is none). */
export async function machineBusyShare(ms = 1000): Promise<number | undefined> {
  const read = async () => {
    const { readFile } = await import('node:fs/promises');
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { idle, total: values.reduce((a, b) => a + b, 0) };
  };
  try {
    const before = await read();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const after = await read();
    const total = after.total - before.total;
    return total > 0 ? 1 - (after.idle - before.idle) / total : undefined;
  } catch {
    return undefined;
  }
}
