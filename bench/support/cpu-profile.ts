/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the process spent its time, by
 * function (self and inclusive), by package/area, and the server's own functions.
 *
 *   npx tsx bench/support/cpu-profile.ts <file.cpuprofile> [--skip-ms 3000] [--top 30]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SummaryOptions {
  /** Leave out the first milliseconds of the profile (start-up, migrations, set-up). */
  skipMs?: number;
  /** Leave out everything after this many milliseconds from the start (shut-down). */
  untilMs?: number;
  top?: number;
  /** The repository root, to show file paths relative to it. */
  root?: string;
}

const PSEUDO = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

export function summarizeCpuProfile(profile: CpuProfile, options: SummaryOptions = {}): string {
  const top = options.top ?? 30;
  const root = options.root ?? process.cwd();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const shortUrl = (url: string) => {
    let path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
    if (path.startsWith(root + '/')) path = path.slice(root.length + 1);
    return path.replace(/^.*node_modules\//, 'node_modules/');
  };
  // tsx's transpiled TypeScript does not keep line numbers: name the file only.
  const where = (frame: CallFrame) =>
    /\.[cm]?tsx?$/.test(frame.url) ? shortUrl(frame.url) : `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
  const keyOf = (frame: CallFrame) =>
    frame.url ? `${frame.functionName || '(anonymous)'}  ${where(frame)}` : frame.functionName || '(anonymous)';
  const areaOf = (frame: CallFrame): string => {
    if (PSEUDO.has(frame.functionName)) return frame.functionName;
    const url = frame.url;
    if (!url) return '(native/V8 builtins)';
    if (url.startsWith('node:')) return 'node: internals';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
    if (pkg) return pkg;
    const path = shortUrl(url);
    if (path.startsWith('server/'))
      return path
        .split('/')
        .slice(0, path.startsWith('server/sms-receiver/') ? 3 : 2)
        .join('/');
    return path;
  };

  // Sample i lasted timeDeltas[i + 1] (the delta before the next sample).
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const area = new Map<string, number>();
  const serverInclusive = new Map<string, number>();
  let elapsed = 0;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    elapsed += profile.timeDeltas[i] ?? 0;
    const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (options.skipMs !== undefined && elapsed / 1000 < options.skipMs) continue;
    if (options.untilMs !== undefined && elapsed / 1000 > options.untilMs) continue;
    const node = byId.get(profile.samples[i]!)!;
    total += duration;
    if (node.callFrame.functionName === '(idle)') idle += duration;
    const leafKey = keyOf(node.callFrame);
    self.set(leafKey, (self.get(leafKey) ?? 0) + duration);
    const leafArea = areaOf(node.callFrame);
    area.set(leafArea, (area.get(leafArea) ?? 0) + duration);

    const seen = new Set<string>();
    const seenServer = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(root)') break;
      const key = keyOf(frame);
      if (!seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + duration);
      }
      if (frame.url && shortUrl(frame.url).startsWith('server/') && !seenServer.has(key)) {
        seenServer.add(key);
        serverInclusive.set(key, (serverInclusive.get(key) ?? 0) + duration);
      }
    }
  }

  const busy = total - idle;
  const pct = (ms: number, of: number) => (of > 0 ? `${((100 * ms) / of).toFixed(1)}%` : '-');
  const fmt = (ms: number) => ms.toFixed(0).padStart(7);
  const lines: string[] = [];
  const window =
    options.skipMs !== undefined || options.untilMs !== undefined
      ? ` (window ${Math.round(options.skipMs ?? 0)}–${options.untilMs !== undefined ? Math.round(options.untilMs) : 'end'} ms of the profile)`
      : '';
  lines.push(
    `Sampled ${total.toFixed(0)} ms${window}: busy ${busy.toFixed(0)} ms (${pct(busy, total)}), idle ${idle.toFixed(0)} ms. Percentages below are of busy time.`,
  );

  lines.push('', `Top ${top} functions by self time:`, '   self ms   self%   incl%  function  location');
  for (const [key, ms] of [...self]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    lines.push(
      `  ${fmt(ms)}  ${pct(ms, busy).padStart(6)}  ${pct(inclusive.get(key) ?? ms, busy).padStart(6)}  ${key}`,
    );
  }

  lines.push('', 'Self time by area (package, server/ folder, node internals, GC):', '   self ms   self%  area');
  for (const [name, ms] of [...area]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)) {
    lines.push(`  ${fmt(ms)}  ${pct(ms, busy).padStart(6)}  ${name}`);
  }

  lines.push(
    '',
    'server/ functions by inclusive time (their own work plus what they call):',
    '   incl ms   incl%  function  location',
  );
  for (const [key, ms] of [...serverInclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${fmt(ms)}  ${pct(ms, busy).padStart(6)}  ${key}`);
  }
  return lines.join('\n');
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/**
 * The main thread's profile (thread id 0) among those a process wrote into `dir` with
 * `--cpu-prof --cpu-prof-dir=dir` (default names CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile;
 * tsx's loader thread writes one of its own).
 */
export function mainThreadProfile(dir: string, pid: number): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.find((f) => f.split('.').at(-3) === '0' && f.split('.').at(-4) === String(pid));
  return main ? join(dir, main) : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  if (!file) {
    process.stderr.write(
      'usage: tsx bench/support/cpu-profile.ts <file.cpuprofile> [--skip-ms N] [--until-ms N] [--top N]\n',
    );
    process.exit(2);
  }
  process.stdout.write(
    `${summarizeCpuProfile(readCpuProfile(file), { skipMs: option('--skip-ms'), untilMs: option('--until-ms'), top: option('--top') })}\n`,
  );
}
