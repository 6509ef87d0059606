/**
 * The figures of the Node GPU bench, printed as they come: grid pass of the double well at
 * N = 64..512 (first call and median, kernels, the tiled variant, the closed-form loop) and the
 * network figures (training step, slice grid pass at N = 32/64/128, HVP power iteration), on
 * WebGPU when an adapter exists and always on the tfjs CPU backend, with WebGPU/CPU ratios.
 */
import { initBackend } from '../src/compute/backend';
import { closedFormLoop, gridPassFigures } from './gridPassBench';
import { formatGridRatios, formatGridTable, formatNetworkRatios, formatNetworkTable, type BackendFigures, type NetworkFigures } from './gridTable';
import { networkFigures } from './networkBench';

/** Grid sizes of the double-well pass (BENCH_GRID_SIZES overrides, for a quick smoke run). */
const SIZES = (process.env.BENCH_GRID_SIZES ?? '64,128,256,512').split(',').map(Number);
/** Slice grid sizes; N = 128 alone takes about 100 s on the tfjs CPU backend of a busy 2-core machine. */
const NET_SIZES = (process.env.BENCH_NET_SIZES ?? '32,64,128').split(',').map(Number);

/** Runs every figure on one backend; null when that backend could not be activated. */
async function onBackend(name: 'webgpu' | 'cpu'): Promise<{ grid: BackendFigures; network: NetworkFigures } | null> {
  const choice = await initBackend(name);
  if (choice.name !== name) {
    console.log(`${name}: not available (${choice.fallbackReason ?? 'unknown'})`);
    return null;
  }
  const t0 = performance.now();
  const grid = await gridPassFigures(SIZES);
  for (const line of formatGridTable(`${name} grid pass, double well, ms`, grid, loops)) console.log(line);
  const network = await networkFigures(NET_SIZES);
  for (const line of formatNetworkTable(`${name} network`, network)) console.log(line);
  console.log(`${name}: all figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { grid, network };
}

const loops = Object.fromEntries(SIZES.map((n) => [n, closedFormLoop(n)]));

/** Prints the adapter line, then the figures on WebGPU (unless cpuOnly) and on CPU, then ratios. */
export async function runGpuBench(adapterLine: string, cpuOnly: boolean): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}-${process.arch}`);
  console.log(adapterLine);
  if (cpuOnly) console.log('running the same figures on the tfjs CPU backend only');
  const gpu = cpuOnly ? null : await onBackend('webgpu');
  const cpu = await onBackend('cpu');
  if (gpu && cpu) {
    console.log(formatGridRatios('cpu/webgpu grid pass time', cpu.grid, gpu.grid));
    console.log(formatNetworkRatios('cpu/webgpu network', cpu.network, gpu.network));
  }
}
