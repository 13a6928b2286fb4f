import { readdirSync, readFileSync } from 'node:fs';

/**
 * Who used the CPUs during a measurement, from /proc (Linux): the server child, this process
 * (the load generator), PostgreSQL's processes, and everything else. Shares are of one core
 * (100% = one core busy for the whole window; the machine has `cores` × 100%).
 */
export interface CpuSnapshot {
  at: number;
  machineBusyTicks: number;
  machineTotalTicks: number;
  serverTicks: number;
  /**
   * Per PostgreSQL process (pid → ticks), so that a backend exiting in the window (another
   * client's) takes its earlier ticks with it instead of making the share negative; what it
   * used within the window is then missed.
   */
  postgresTicks: Map<number, number>;
  selfMicros: number;
}

export interface CpuShares {
  server: number;
  loadGenerator: number;
  postgres: number;
  others: number;
  machineIdle: number;
  cores: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** `serverPid`: the server child, or several (their ticks are added up). */
export function cpuSnapshot(serverPid: number | readonly number[] | undefined): CpuSnapshot | undefined {
  try {
    const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      machineBusyTicks: total - idle,
      machineTotalTicks: total,
      serverTicks: [serverPid ?? []].flat().reduce((ticks, pid) => ticks + processTicks(pid), 0),
      postgresTicks: postgresTicks(),
      selfMicros: usage.user + usage.system,
    };
  } catch {
    return undefined;
  }
}

export function cpuShares(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): CpuShares | undefined {
  if (!before || !after) return undefined;
  const seconds = (after.at - before.at) / 1000;
  const totalTicks = after.machineTotalTicks - before.machineTotalTicks;
  const cores = Math.max(1, Math.round(totalTicks / (seconds * TICKS_PER_SECOND)));
  const share = (ticks: number) => ticks / (seconds * TICKS_PER_SECOND);
  const server = share(after.serverTicks - before.serverTicks);
  let postgresTicksInWindow = 0;
  for (const [pid, ticks] of after.postgresTicks) {
    const earlier = before.postgresTicks.get(pid) ?? 0;
    // Fewer ticks than before: a new process under a pid used again.
    postgresTicksInWindow += ticks >= earlier ? ticks - earlier : ticks;
  }
  const postgres = share(postgresTicksInWindow);
  const loadGenerator = (after.selfMicros - before.selfMicros) / 1e6 / seconds;
  const busy = share(after.machineBusyTicks - before.machineBusyTicks);
  return {
    server,
    loadGenerator,
    postgres,
    others: Math.max(0, busy - server - postgres - loadGenerator),
    machineIdle: Math.max(0, cores - busy),
    cores,
  };
}

/** One line on who used the CPUs, and the server's CPU time per response (robust against a busy machine). */
export function describeShares(shares: CpuShares | undefined, responses: number, seconds: number): string {
  if (!shares) return 'CPU use: not measurable here (no /proc)';
  const p = (x: number) => `${Math.round(x * 100)}%`;
  const perResponse =
    responses > 0 ? `; server CPU per response ${Math.round((shares.server * seconds * 1e6) / responses)} µs` : '';
  return (
    `CPU in the measured window (100% = one core, ${shares.cores} cores): server ${p(shares.server)}, ` +
    `load generator ${p(shares.loadGenerator)}, PostgreSQL ${p(shares.postgres)}, other processes and kernel ${p(shares.others)}, ` +
    `idle ${p(shares.machineIdle)}${perResponse}`
  );
}

/** The report's lines on CPU use: `describeShares`, and a warning when other processes took much of a core. */
export function cpuReportLines(shares: CpuShares | undefined, responses: number, seconds: number): string[] {
  const lines = [describeShares(shares, responses, seconds)];
  if (shares && shares.others > 0.3) {
    lines.push(
      `WARNING: other processes used ${Math.round(shares.others * 100)}% of a core during this measurement: its figures are too low`,
    );
  }
  return lines;
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces; the fields after ") " are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres'))
        ticks.set(Number(entry), processTicks(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}
