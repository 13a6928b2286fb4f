import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const serverUrl = process.env.SWITCHBOARD_SERVER_URL ?? 'http://127.0.0.1:3000';

// `npm run dev:editor` serves the UI with hot reload and passes the API through to a running server.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/editor', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: Number(process.env.EDITOR_PORT ?? 5173),
    proxy: {
      '/api': { target: serverUrl, changeOrigin: false },
      '/SMSReceiver': { target: serverUrl, changeOrigin: false },
    },
  },
});
