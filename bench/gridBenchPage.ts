import { tf } from '../src/compute/tf';
import { initBackend } from '../src/compute/backend';
import { closedFormLoop, gridPassFigures } from './gridPassBench';
import { networkFigures } from './networkBench';

/** WebGL renderer string of the tfjs WebGL backend (the bench runs it before switching away). */
function webglRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/** Runs the grid pass at several N on WebGPU, WebGL and CPU, and the network figures on WebGL and CPU; results go to window.__benchResult. */
async function run(): Promise<void> {
  const sizes = [64, 128, 256, 512];
  const netSizes = (new URLSearchParams(location.search).get('net') ?? '32,64').split(',').map(Number);
  const result: Record<string, unknown> = { renderer: '', loops: Object.fromEntries(sizes.map((n) => [n, closedFormLoop(n)])) };
  for (const backend of ['webgpu', 'webgl', 'cpu'] as const) {
    const choice = await initBackend(backend);
    if (choice.name !== backend) {
      result[backend] = { error: choice.fallbackReason };
      continue;
    }
    if (backend === 'webgl') result.renderer = webglRenderer();
    if (backend === 'webgpu') {
      const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
      result.webgpuAdapter = info ? `${info.vendor ?? ''} ${info.architecture ?? ''}`.trim() : 'unknown';
    }
    result[backend] = await gridPassFigures(sizes);
    // Network figures on WebGL and CPU (issue 8); the slice sizes come from ?net=32,64,128.
    if (backend !== 'webgpu') result[`${backend}Network`] = await networkFigures(netSizes);
  }
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
  const out = document.getElementById('out');
  if (out) out.textContent = JSON.stringify(result, null, 2);
}

void run();
