import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets never reach a log line: they are redacted by path and from URLs. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        // Query parameters of a failed statement may hold SMS text or hashes.
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'key',
          '*.key',
          'authorization',
          '*.authorization',
          'err.params',
          'err.parameters',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

const SECRET_QUERY_PARAMS = /([?&](?:token|password|key)=)[^&#]*/gi;

/** The URL as it may be logged: the values of token-like query parameters are replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[redacted]');
}
