import { DEFAULT_DATABASE_URL } from './database';

/** A command line the benchmark refuses: reported as its message alone, without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One command-line flag being read: its name, and its value when it takes one. */
export interface Flag {
  name: string;
  /** The flag's value: `--flag value` or `--flag=value`. */
  value(): string;
  /** The value as a number above zero. */
  positive(): number;
}

/** Walks the arguments of a benchmark, handing each flag to `onFlag` in order. */
export function readFlags(argv: string[], onFlag: (flag: Flag) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name = arg, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const positive = () => {
      const n = Number(value());
      if (!(n > 0)) throw new UsageError(`${name} must be a positive number`);
      return n;
    };
    onFlag({ name, value, positive });
  }
}

/** The flags of every benchmark that starts the server: warm-up, pinning, profiling, database. */
export interface ServerBenchFlags {
  warmup: number;
  pin: boolean;
  profile: boolean;
  databaseUrl: string;
}

export function serverBenchDefaults(): ServerBenchFlags {
  return {
    warmup: 2,
    pin: true,
    profile: process.env.BENCH_PROFILE === '1',
    databaseUrl: process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL,
  };
}

/**
 * Walks the arguments of a benchmark that starts the server: `onFlag` reads the benchmark's own
 * (true when it knew the flag), the shared ones land in `args`, --help prints `usage` and exits,
 * and anything else is refused.
 */
export function readServerBenchFlags(
  argv: string[],
  args: ServerBenchFlags,
  usage: string,
  onFlag: (flag: Flag) => boolean,
): void {
  readFlags(argv, (flag) => {
    if (onFlag(flag)) return;
    switch (flag.name) {
      case '--warmup':
        args.warmup = flag.positive();
        break;
      case '--no-pin':
        args.pin = false;
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--database-url':
        args.databaseUrl = flag.value();
        break;
      case '--help':
      case '-h':
        process.stdout.write(usage);
        process.exit(0);
      default:
        throw new UsageError(`unknown argument ${flag.name} (try --help)`);
    }
  });
}
