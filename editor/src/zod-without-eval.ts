import { z } from 'zod';

// The server's Content-Security-Policy allows no eval (script-src 'self'). Zod would compile
// object parsers with `new Function` and probes whether it may: the probe alone is a policy
// violation. public/zod-config.js sets this before any module runs (a chunk that builds schemas
// can be evaluated before this one); this keeps it so where the page is served without it (tests
// of components, the dev server's first load).
z.config({ jitless: true });
