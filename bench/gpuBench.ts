/**
 * Node entry of the GPU bench (bench/gpu.sh): gives Node a navigator.gpu from the `webgpu` npm
 * package (Dawn), then runs the grid-pass and network figures on tfjs WebGPU and CPU, or on CPU
 * alone when no adapter exists. Run with `npx tsx bench/gpuBench.ts` here, or as the pre-built
 * bundle outputs/gpu-bench/gpuBench.mjs with plain node (see bench/gpu.sh for what travels).
 */
import { registerNodeTfjsGradients } from '../src/cli/nodeTfjsGradients';

// Before any compute module is imported: tf.ts needs the resolve hook under plain Node.
registerNodeTfjsGradients();

/** What the Dawn bindings gave: an adapter description, or why there is none. */
async function installWebgpu(): Promise<string> {
  let gpu: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> };
  try {
    const dawn = (await import('webgpu')) as unknown as { create(flags: string[]): typeof gpu; globals: object };
    Object.assign(globalThis, dawn.globals);
    gpu = dawn.create([]);
  } catch (error) {
    return `no WebGPU: the webgpu package's Dawn bindings did not load (${(error as Error).message.split('\n')[0]})`;
  }
  // Node 20 has no navigator; Node 21+ has one whose gpu is undefined: define it either way.
  Object.defineProperty(globalThis, 'navigator', { value: { ...(globalThis as { navigator?: object }).navigator, gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'no WebGPU adapter: Dawn loaded but found no GPU (Vulkan driver missing?)';
  const info = adapter.info ?? {};
  return `WebGPU adapter: ${['vendor', 'architecture', 'device', 'description'].map((k) => `${k}=${info[k] ?? ''}`).join(' ')}`;
}

const adapterLine = await installWebgpu();
const { runGpuBench } = await import('./gpuBenchRun');
await runGpuBench(adapterLine, !adapterLine.startsWith('WebGPU adapter:'));
