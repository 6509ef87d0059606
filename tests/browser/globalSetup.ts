import { createServer, type ViteDevServer } from 'vite';
import type { TestProject } from 'vitest/node';

let server: ViteDevServer | undefined;

/** Starts one Vite dev server on a free loopback port for all browser tests. */
export async function setup(project: TestProject): Promise<void> {
  server = await createServer({ configFile: 'vite.config.ts', logLevel: 'error', server: { port: 0, host: '127.0.0.1', hmr: false, watch: null } });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite server has no port');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
}

/** Stops the server. */
export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
