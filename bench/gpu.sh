#!/usr/bin/env bash
# GPU bench in one command: grid pass of the double well at N = 64..512 and the network figures
# on tfjs WebGPU (Dawn, from the `webgpu` npm package) and tfjs CPU, in plain Node.
#
#   bench/gpu.sh --build   here (needs node_modules): bundles bench/gpuBench.ts with esbuild into
#                          outputs/gpu-bench/gpuBench.mjs (tfjs and the lab's code in one 2.8 MB file).
#   bench/gpu.sh           anywhere with Node >= 20: runs the bundle (builds it first if missing
#                          and node_modules is there). Without a WebGPU adapter it says so and runs
#                          the same figures on the tfjs CPU backend only.
#
# What must travel to a GPU machine (no registry there; 64 MiB in all, about 24 MiB here):
#   outputs/gpu-bench                           the bundle (ignored by git and eslint: carry it)
#   node_modules/webgpu/index.js                the Dawn loader (ESM; imports only dist/<platform>)
#   node_modules/webgpu/package.json            "type": "module" for index.js
#   node_modules/webgpu/dist/linux-x64          dawn.node, 21 MB
# i.e. run(carry=["outputs/gpu-bench", "node_modules/webgpu/index.js", "node_modules/webgpu/package.json",
#   "node_modules/webgpu/dist/linux-x64"], command="bench/gpu.sh"). Node itself (95 MB) does not
# fit: the machine must have one, or carry `xz -9 < $(command -v node) > outputs/gpu-bench/node.xz`
# (size not measured here; must fit the 64 MiB with the rest) and this script unpacks it when no node is found. Dawn needs libvulkan.so.1 and
# the NVIDIA Vulkan ICD there (see the device README: .gl debs, VK_DRIVER_FILES).
# Environment: BENCH_GRID_SIZES (default 64,128,256,512), BENCH_NET_SIZES (default 32,64,128).
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=outputs/gpu-bench/gpuBench.mjs

build() {
  mkdir -p outputs/gpu-bench
  # module fields first: one ESM tfjs-core instance, which register_all_gradients also uses.
  npx esbuild bench/gpuBench.ts --bundle --platform=node --format=esm --main-fields=module,main \
    --external:webgpu --log-level=warning --outfile="$bundle" \
    "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
  echo "built $bundle ($(du -h "$bundle" | cut -f1))"
}

if [[ "${1:-}" == "--build" ]]; then build; exit 0; fi
if [[ ! -f "$bundle" ]]; then
  if [[ -d node_modules/esbuild ]]; then build; else echo "no $bundle: run bench/gpu.sh --build where node_modules exists, and carry outputs/gpu-bench" >&2; exit 1; fi
fi

node_bin=$(command -v node || true)
if [[ -z "$node_bin" && -f outputs/gpu-bench/node.xz ]]; then
  node_bin=/tmp/taylor-lab-node
  xz -dc outputs/gpu-bench/node.xz > "$node_bin" && chmod +x "$node_bin"
fi
if [[ -z "$node_bin" ]]; then echo "no node here and no outputs/gpu-bench/node.xz carried" >&2; exit 1; fi
exec "$node_bin" "$bundle"
