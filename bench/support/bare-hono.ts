/**
 * The baseline of the ingest benchmark: bare Hono on @hono/node-server answering /SMSReceiver
 * with a constant, without reading the body or touching a database. Started as its own process
 * by bench/ingest.ts, exactly like the real server.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const port = Number(process.env.PORT ?? 3001);
const app = new Hono();
app.post('/SMSReceiver', (c) => c.json({ id: 'x', status: 'accepted' }));
app.get('/readyz', (c) => c.json({ status: 'ready' }));

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => {
  process.stdout.write(`bare Hono listening on 127.0.0.1:${port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
