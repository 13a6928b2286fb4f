import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ClosableHttpServer {
  /** Connections still open (requests in flight, or kept alive between requests). */
  readonly openConnections: number;
  /**
   * Stops accepting connections and closes each open one as soon as it is idle (keep-alive would
   * otherwise hold it open for the client's next request); after `graceMs` whatever is still open
   * is cut. Resolves when every connection is closed.
   */
  close(graceMs: number): Promise<void>;
}

export function closableHttpServer(server: Server): ClosableHttpServer {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    get openConnections() {
      return sockets.size;
    },
    async close(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A connection becomes idle when its last response has ended.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      try {
        await closed;
      } finally {
        clearInterval(idle);
        clearTimeout(cut);
      }
    },
  };
}
