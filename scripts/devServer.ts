import { createServer, type ViteDevServer } from 'vite';

/**
 * Starts the Vite dev server on a free loopback port for a tool that drives the lab in Chromium
 * (the browser tests, the benchmark, the screenshots): no hot reload and no file watching, so a
 * page is never reloaded under a running measurement. Returns the server and its base URL.
 */
export async function startDevServer(): Promise<{ server: ViteDevServer; base: string }> {
  const server = await createServer({ configFile: 'vite.config.ts', logLevel: 'error', server: { port: 0, host: '127.0.0.1', hmr: false, watch: null } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the Vite dev server has no port');
  return { server, base: `http://127.0.0.1:${address.port}/` };
}
