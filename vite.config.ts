import { defineConfig, type Plugin } from 'vite';

/**
 * The built site's Content-Security-Policy. Scripts come only from the site itself: no inline
 * script and no 'unsafe-eval' (nothing here evaluates strings; formulas are parsed into our own
 * tree). style-src needs 'unsafe-inline' because lil-gui injects its stylesheet as a <style>
 * element and KaTeX writes some style="" attributes (error colour, borders); a hash would break
 * with each lil-gui release, and styles cannot run code. img-src allows data: and blob: for the
 * inline favicon and PNG export; font-src allows data: for KaTeX fonts small enough to inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Writes the policy into the built index.html as a <meta http-equiv>, so that it holds on any
 * static host; the dev server is left alone because Vite's client needs its websocket there.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'taylor-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

/**
 * long.js (inside tfjs-core) compiles a tiny WebAssembly module at load for 64-bit multiplies and
 * falls back to plain JS when that throws. Without 'wasm-unsafe-eval' the policy blocks the
 * compile and reports a violation every page load; dropping the probe at build time gives the
 * same JS fallback silently and keeps script-src at 'self'.
 */
function longWithoutWasmProbe(): Plugin {
  const probe = /wasm = new WebAssembly\.Instance\([\s\S]*?\)\), \{\}\)\.exports;/;
  return {
    name: 'taylor-lab-long-without-wasm',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]long[\\/]src[\\/]long\.js$/.test(id)) return null;
      if (!probe.test(code)) {
        this.warn('long.js no longer has the expected WebAssembly probe: check the CSP test for a wasm-eval violation');
        return null;
      }
      return { code: code.replace(probe, ''), map: null };
    },
  };
}

/** Libraries that get a chunk of their own, so that the app's code changes without re-downloading them. */
const VENDOR_CHUNKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['katex', /node_modules[\\/]katex[\\/]/],
  ['uplot', /node_modules[\\/]uplot[\\/]/],
  // three's core (math, scene graph) and its WebGL renderer are each near Vite's 500 kB warning.
  ['three-core', /node_modules[\\/]three[\\/]build[\\/]three\.core\.js$/],
  ['three', /node_modules[\\/]three[\\/]/],
  ['tfjs-core', /node_modules[\\/]@tensorflow[\\/]tfjs-(core|backend-cpu)[\\/]/],
];

/** The package name of a dynamically imported package entry, e.g. 'tfjs-backend-webgl'. */
function onDemandName(moduleId: string | null): string | undefined {
  return moduleId?.match(/node_modules[\\/](?:@[^\\/]+[\\/])?([^\\/]+)[\\/]/)?.[1];
}

/** Vite config: relative base so the built site works from any folder, offline. */
export default defineConfig({
  base: './',
  assetsInclude: ['**/*.glsl'],
  plugins: [contentSecurityPolicy(), longWithoutWasmProbe()],
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Earlier groups win: priority falls with the position in the list.
        codeSplitting: { groups: VENDOR_CHUNKS.map(([name, test], i) => ({ name, test, priority: VENDOR_CHUNKS.length - i })) },
        // On-demand chunks are named after their package (tfjs-backend-webgl) rather than 'dist'.
        chunkFileNames: (chunk) => `assets/${onDemandName(chunk.facadeModuleId) ?? chunk.name}-[hash].js`,
      },
    },
  },
  server: { host: '127.0.0.1' },
  // The compute worker's imports, optimised up front: discovered late (when the worker first loads)
  // they would make the dev server re-optimise and reload the page in the middle of a run.
  optimizeDeps: {
    entries: ['index.html', 'src/worker/computeWorker.ts'],
    include: ['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', 'ml-matrix'],
  },
  worker: { format: 'es' },
});
