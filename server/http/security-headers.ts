import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

/**
 * Security headers for answers a browser may render — the web UI, its assets and the API:
 *
 * - Content-Security-Policy: scripts only from our own files (with `scriptNonce`, also the
 *   inline script carrying this answer's `c.get('secureHeadersNonce')`, as /api/docs has);
 *   styles also inline, since Mantine and React Flow set style attributes and `<style>` tags;
 *   no page may frame ours (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for old
 *   browsers), not even one of our own origin.
 * - Referrer-Policy `same-origin`: links to other sites carry no URL of ours. Not `no-referrer`:
 *   with it, browsers send `Origin: null` on our own writes, which the cross-site check refuses.
 * - No Strict-Transport-Security: whether a host is HTTPS-only is for the TLS proxy in front to
 *   say; Switchboard itself often answers plain HTTP on a private address.
 *
 * A header a handler set itself is kept, so a route's own (stricter or nonce-bearing) policy
 * wins over the one for everything.
 */
export function securityHeaders(options: { scriptNonce?: boolean } = {}): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: options.scriptNonce ? ["'self'", NONCE] : ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
    overwrite: false,
  });
}
