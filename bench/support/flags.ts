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
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const positive = () => {
      const n = Number(value());
      if (!(n > 0)) throw new Error(`${name} must be a positive number`);
      return n;
    };
    onFlag({ name, value, positive });
  }
}
