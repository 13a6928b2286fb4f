import { z } from 'zod';
import { says } from '../node-types/check-words';
import { defineNodeType } from '../node-types/define-node-type';
import { variableNameField } from './fields';

export const WAIT_TIMEOUT_SECONDS = { min: 1, max: 30 * 24 * 3600, default: 3600 } as const;

const waitForReplyConfig = z.strictObject({
  timeoutSeconds: z
    .number({ error: says({ en: 'Enter a number of seconds', de: 'Geben Sie eine Anzahl Sekunden ein' }) })
    .int({ error: says({ en: 'Whole seconds only', de: 'Nur ganze Sekunden' }) })
    .min(WAIT_TIMEOUT_SECONDS.min, {
      error: says({ en: 'Wait at least 1 second', de: 'Warten Sie mindestens 1 Sekunde' }),
    })
    .max(WAIT_TIMEOUT_SECONDS.max, {
      error: says({
        en: 'Wait at most 30 days (2,592,000 seconds)',
        de: 'Warten Sie höchstens 30 Tage (2.592.000 Sekunden)',
      }),
    })
    .default(WAIT_TIMEOUT_SECONDS.default)
    .meta({ ui: { title: { en: 'Timeout (seconds)', de: 'Zeitlimit (Sekunden)' } } }),
  /** The variable the reply's text goes into. */
  variable: variableNameField({ en: 'Save the reply as', de: 'Antwort speichern als' }).default('reply'),
});

export type WaitForReplyConfig = z.output<typeof waitForReplyConfig>;

/** "1 h 30 min", "2 d", "45 s": the timeout as the canvas shows it. */
export function describeTimeout(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(' ');
}

export const waitForReplyNode = defineNodeType({
  type: 'wait_for_reply',
  kind: 'wait',
  waits: true,
  label: { en: 'Wait for reply', de: 'Auf Antwort warten' },
  category: 'logic',
  description: {
    en:
      'Pauses the run until the same sender sends the next SMS to the same number, or the timeout passes. ' +
      'The reply goes on by "reply" with its text in a variable and starts no run of its own; otherwise the ' +
      'run goes on by "timeout". The waiting run is kept in the database and survives restarts.',
    de:
      'Hält den Lauf an, bis derselbe Absender die nächste SMS an dieselbe Nummer schickt oder das Zeitlimit ' +
      'abläuft. Die Antwort geht über „Antwort“ weiter, ihr Text steht in einer Variable, und sie startet keinen ' +
      'eigenen Lauf; sonst geht der Lauf über „Zeitlimit“ weiter. Der wartende Lauf liegt in der Datenbank und ' +
      'übersteht Neustarts.',
  },
  icon: 'hourglass',
  config: waitForReplyConfig,
  ports: ['reply', 'timeout'],
  portLabels: { reply: { en: 'reply', de: 'Antwort' }, timeout: { en: 'timeout', de: 'Zeitlimit' } },
  summarize: (config, language) => {
    const timeout = describeTimeout(config.timeoutSeconds);
    return {
      en: `Up to ${timeout}, reply in ${config.variable}`,
      de: `Bis zu ${timeout}, Antwort in ${config.variable}`,
    }[language];
  },
  timeoutMs: (config) => config.timeoutSeconds * 1000,
  resume: (_context, config, wake) =>
    wake.kind === 'reply' ? { port: 'reply', vars: { [config.variable]: wake.text } } : { port: 'timeout' },
});
