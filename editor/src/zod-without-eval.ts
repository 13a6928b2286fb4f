import { z } from 'zod';

// The server's Content-Security-Policy allows no eval (script-src 'self'). Zod would compile
// object parsers with `new Function` and probes whether it may: the probe alone is a policy
// violation. Imported first, before any schema is used.
z.config({ jitless: true });
