import { cpus } from 'node:os';
import { isInterrupted, machineBusyShare, type Pinning } from './processes';

/** Plain-text tables that line up in any terminal and paste well into issues. */
export function renderTable(headers: string[], rows: string[][], rightAligned: Set<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (rightAligned.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** A line of the report on stdout; none once an interrupt is cleaning up. */
export function log(line: string): void {
  if (!isInterrupted()) process.stdout.write(`${line}\n`);
}

/** The lines a report starts with: the machine and the run's `settings`, the pinning, and how busy the machine already was. */
export async function logMachine(settings: string, pinning: Pinning): Promise<void> {
  log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; ${settings}`);
  log(`  pinning: ${pinning.description}`);
  const busy = await machineBusyShare();
  if (busy !== undefined) {
    const note = busy > 0.1 ? ' — WARNING: the machine is not idle, other processes will distort the figures' : '';
    log(`  CPU busy before the run (other processes): ${(busy * 100).toFixed(0)}%${note}`);
  }
}
