import http from 'node:http';

/**
 * A lean HTTP/1.1 client for load that must not cost the load generator much: keep-alive
 * sockets from node:http (cheaper per request than fetch), bodies read as text, and server-sent
 * event streams on connections of their own.
 */
export interface HttpAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface EventStream {
  /** Resolves once the stream answered 200 (the server is listening for this client). */
  opened: Promise<void>;
  /** Ends when the stream ends or breaks; never rejects. */
  ended: Promise<void>;
  close(): void;
}

export class HttpClient {
  // Idle sockets are dropped after 4 s, before the server's keep-alive timeout (5 s in Node)
  // closes them: reusing a socket the server is closing fails the request with ECONNRESET.
  private readonly agent = new http.Agent({
    keepAlive: true,
    maxSockets: Infinity,
    maxFreeSockets: 1024,
    timeout: 4000,
  });
  private readonly host: string;
  private readonly port: number;
  private readonly streams = new Set<http.ClientRequest>();

  constructor(readonly baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  /** Requests that met a keep-alive socket the server had just closed, and were sent again. */
  resent = 0;

  request(method: string, path: string, headers: Record<string, string> = {}, json?: unknown): Promise<HttpAnswer> {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const allHeaders =
      body === undefined
        ? headers
        : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    return this.send(method, path, allHeaders, body).catch((error: NodeJS.ErrnoException & { reused?: boolean }) => {
      // A reused keep-alive socket that the server closed meanwhile fails before the request
      // reached it (what Node's documentation advises to retry); anything else is an error.
      if (!error.reused || (error.code !== 'ECONNRESET' && error.code !== 'EPIPE')) throw error;
      this.resent++;
      return this.send(method, path, allHeaders, body);
    });
  }

  private send(method: string, path: string, headers: Record<string, string>, body: string | undefined) {
    return new Promise<HttpAnswer>((resolve, reject) => {
      let answered = false;
      const request = http.request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          answered = true;
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: text, headers: response.headers }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', (error: NodeJS.ErrnoException & { reused?: boolean }) => {
        error.reused = request.reusedSocket && !answered;
        reject(error);
      });
      request.setTimeout(30_000, () =>
        request.destroy(Object.assign(new Error(`${method} ${path}: no answer within 30 s`), { code: 'TIMEOUT' })),
      );
      request.end(body);
    });
  }

  /**
   * Opens a server-sent event stream; `onEvent` gets each event with the moment
   * (performance.now()) its bytes arrived, before any parsing.
   */
  eventStream(
    path: string,
    headers: Record<string, string>,
    onEvent: (event: SseEvent, at: number) => void,
  ): EventStream {
    let resolveOpened!: () => void;
    let rejectOpened!: (error: Error) => void;
    const opened = new Promise<void>((resolve, reject) => {
      resolveOpened = resolve;
      rejectOpened = reject;
    });
    let resolveEnded!: () => void;
    const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
    const request = http.get(
      { host: this.host, port: this.port, path, headers: { ...headers, accept: 'text/event-stream' }, agent: false },
      (response) => {
        if (response.statusCode !== 200) {
          rejectOpened(new Error(`${path} answered ${response.statusCode}`));
          response.resume();
          return;
        }
        resolveOpened();
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: SseEvent = { id: undefined, event: 'message', data: '' };
            let hasField = false;
            for (const line of block.split('\n')) {
              if (line === '' || line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const name = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              hasField = true;
              if (name === 'event') event.event = value;
              else if (name === 'id') event.id = value;
              else if (name === 'data') event.data = event.data ? `${event.data}\n${value}` : value;
            }
            if (hasField) onEvent(event, at);
          }
        });
        response.on('end', resolveEnded);
        response.on('error', resolveEnded);
        response.on('close', resolveEnded);
      },
    );
    this.streams.add(request);
    request.on('error', (error) => {
      rejectOpened(error);
      resolveEnded();
    });
    request.on('close', () => {
      this.streams.delete(request);
      resolveEnded();
    });
    opened.catch(() => {});
    return { opened, ended, close: () => request.destroy() };
  }

  /** Ends every stream and keep-alive socket (so this process can exit and the server can close). */
  close(): void {
    for (const request of this.streams) request.destroy();
    this.agent.destroy();
  }
}

/** The session cookie (name=value) of a login answer. */
export function sessionCookie(answer: HttpAnswer): string {
  const header = answer.headers['set-cookie']?.[0];
  if (!header) throw new Error(`the login answer (${answer.status}) set no cookie`);
  return header.split(';')[0]!;
}
