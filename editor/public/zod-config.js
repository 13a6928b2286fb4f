// Zod compiles object parsers with `new Function` and probes whether it may, the first time a
// schema is built: under the server's Content-Security-Policy (script-src 'self', no eval) the probe
// alone is a policy violation. A classic script runs before every module script, so this is set
// before any chunk builds a schema, however the bundler orders the modules.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
