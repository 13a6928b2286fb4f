import type { BenchSql } from './bench-sql';

/**
 * What the server's PostgreSQL connections are doing, sampled from pg_stat_activity while a
 * measurement runs: executing (CPU), waiting for a lock or the WAL, or idle inside a transaction
 * waiting for the server's next statement (Client: ClientRead — the Node process is the wait).
 * The server's connections are told apart by their application_name (PGAPPNAME in its environment).
 */
export interface ActivitySampler {
  /** Ends the sampling; the busiest states, as report lines. */
  stop(): Promise<string[]>;
}

export function sampleActivity(sqlReader: BenchSql, applicationName: string, everyMs = 10): ActivitySampler {
  const counts = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await sqlReader.query<{ what: string }>(
        `select coalesce(wait_event_type || ': ' || wait_event, 'CPU') || ' — ' ||
            regexp_replace(left(ltrim(regexp_replace(query, '--[^\\n]*', '', 'g')), 60), '\\s+', ' ', 'g') as what
         from pg_stat_activity where application_name = $1 and state <> 'idle'`,
        [applicationName],
      );
      samples++;
      busy += rows.length;
      for (const { what } of rows) counts.set(what, (counts.get(what) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      if (samples === 0) return [];
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10);
      return [
        `${samples} samples, on average ${(busy / samples).toFixed(1)} of the server's connections not idle; share of samples:`,
        ...top.map(([what, n]) => `  ${((n / samples) * 100).toFixed(0).padStart(3)}%  ${what}`),
      ];
    },
  };
}
