/**
 * The numeric CLI `taylor-lab`: Taylor expansions and critical points of a formula, printed as JSON.
 * Pure float64 math from src/core (no tfjs), so it starts fast and its numbers are the reference
 * the GPU views are checked against; only `network` loads tfjs, on demand. Run through
 * bin/taylor-lab.mjs, or `npx tsx src/cli/taylorLab.ts`.
 */
import { pathToFileURL } from 'node:url';
import { CliError, parseArgv } from './cliArgs';
import { CRITICAL_OPTIONS, criticalCommand } from './criticalCommand';
import { EXPAND_FLAGS, EXPAND_OPTIONS, expandCommand } from './expandCommand';
import { OPTIMIZE_OPTIONS, optimizeCommand } from './optimizeCommand';
import { IMPLICIT_FLAGS, IMPLICIT_OPTIONS, implicitCommand } from './implicitCommand';
import { FLIP_OPTIONS, flipCommand } from './flipCommand';
import { CONTINUE_FLAGS, CONTINUE_OPTIONS, continueCommand } from './continueCommand';
import type { ReportValue } from './jsonOutput';
import { formatJson, replaceNonFinite } from './jsonOutput';

/** Where the CLI writes: each call is one line or block of text, without its trailing newline. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit status for bad input (an unknown command or option, a bad number, a formula that does not parse). */
export const EXIT_USAGE = 2;
/** Exit status for a failure that is the program's fault, not the input's. */
export const EXIT_INTERNAL = 1;

/** The text of `taylor-lab --help`. */
export const USAGE = `Usage:
  taylor-lab expand "<f>" --at <x>[,<y>] [--order <k>] [--eval <points>] [--steps]
  taylor-lab critical "<f(x,y)>" --domain <xmin>,<xmax>,<ymin>,<ymax>
  taylor-lab optimize "<f(x)>" --from <x0> [--lr <rate>] [--steps <n>] [--tol <t>]
  taylor-lab optimize "<f>" --method <m> --from <x0>[,<y0>] [--lr η] [--beta β] [--mu μ]
                     [--beta1 β1] [--beta2 β2] [--eps ε] [--steps <n>] [--tol <t>]
  taylor-lab implicit "<F(x,lambda)>" --at <lambda>,<x> [--order <k>] [--tol <t>] [--radius <R>]
  taylor-lab implicit "<F(x,lambda)>" --singular --domain <lmin>,<lmax>,<xmin>,<xmax>
  taylor-lab continue "<F(x,lambda)>" --from <lambda>,<x> [--window <lmin>,<lmax>,<xmin>,<xmax>]
                     [--dynamics gradient|flow] [--mu <mu>] [--mu-range <mumin>,<mumax>] [--no-switch]
  taylor-lab network [--data circles|xor|gaussians|spiral|sine|digits|mnist|mnist14|iris|chebyshev]
                     [--degree 3..6] [--csv file.csv --target <name|index> [--task classification|regression]]
                     [--model model.json] [--hidden 8,8] [--activation tanh] [--steps 500 | --epochs E]
                     [--batch-size B] [--seed 1] [--directions filter|hessian|path]
                     [--optimizer gd|momentum|adam] [--lr <rate>] [--momentum 0.9] [--noise 0.1]
                     [--weight-decay 0] [--save run.json] [--track-sharpness K]
  taylor-lab spectrum <run.json> [--top 5] [--bottom 1] [--trace] [--density] [--exact]
                     [--gauss-newton] [--tol 1e-4] [--probes 100] [--density-probes 10] [--sigma <s>]
  taylor-lab slice <run.json> [--grid 64] [--window <amin>,<amax>,<bmin>,<bmax>]
                     [--engine jets|autodiff] [--backend cpu|wasm] --out <grid.json>
  taylor-lab flip "<f(x)>" [--domain <xmin>,<xmax>] [--offset <r>]
  taylor-lab --help

expand    value, derivatives, curvature and Taylor coefficients of f at a point, as JSON.
          --at x     1D: f may use x only; --order 0..10 (default 2)
          --at x,y   2D: f may use x and y; --order 0..6 (default 2); adds Hessian eigen-decomposition
          --eval     points where f and every order's Taylor polynomial are evaluated:
                     1D 0.5,0.75,1   2D 1.1:0.2,0.9:-0.1
          --steps    error |f - T_k| for steps h from 1e-3 to 1 along +x (1D), the gradient (2D), or
                     the first eigenvector at a critical point, with the fitted log-log slope per order
critical  critical points {x, y, f, class, eigenvalues} of f(x, y) in the domain, as JSON.
optimize  gradient descent (--lr, default 0.01) against Newton's method from x0 on f(x): steps
          each needs until |f'| <= --tol (default 1e-9), where each ends, the first iterates.
          With --method gd|momentum|nesterov|newton|damped-newton|adam (f of x, y with --from x,y):
          one run, its iterates [x, y, f], the stop reason (converged, diverged, max-steps,
          singular) with a sentence, the end point, and 1/λmax, 2/λmax of H at the start.
implicit  the branch x(lambda) of F(x, lambda) = 0 through a point (NOTE: --at is lambda first,
          then x): Fx, Flambda, x', x'', ... (--order 1..6, default 2) by implicit differentiation,
          series coefficients a0..ak, and the trusted radius: how far in lambda the order-k
          polynomial stays within --tol (relative, default 1e-3) of the branch, up to --radius
          (default 1). A point off the curve is moved onto it along x. --singular lists the
          points where dF/dx = 0 (the theorem fails) in the window. Write lambda or λ.
continue  the bifurcation diagram of F(x, lambda) = 0 by pseudo-arclength continuation from --from
          (lambda first; corrected onto F = 0), both ways to the window's edges (default ±2 around
          the start) or around a closed curve: branch points {lambda, x, stability, arclength},
          special points {type LP (fold) or BP (branch point), lambda, x}, located to 1e-10, and the
          other branches followed out of each BP (--no-switch: one branch). Stability for
          --dynamics gradient (dx/dt = -F, default) or flow (dx/dt = F; a preset's own by default).
          F may use mu (or μ), the unfolding parameter, at --mu (default 0): then also the fold
          curves in (lambda, mu) over --mu-range with their cusps (CP). docs/formats/continuation.md
network   trains an MLP (tfjs, CPU backend) on circles, xor, gaussians, spiral or sine (regression)
          and prints the float64 loss, accuracy, the top two Hessian eigenvalues (Lanczos: largest
          algebraic, with residuals), λmax, 2/λmax and the slice θ* + a d1 + b d2's value, gradient
          and Hessian at (0, 0). Defaults: Adam with --lr 0.01 (gd: 0.1); --steps 1..100000;
          activations tanh,
          sigmoid, softplus, relu. --save writes data, layers, directions and report as
          taylor-lab-network/1 JSON (layout in the README). --track-sharpness K adds λmax (with its
          residual) at step 0 and every K steps beside the loss and 2/η (the edge of stability).
spectrum  the Hessian's spectrum at θ* of a saved run (network --save): the --top largest and
          --bottom most negative eigenvalues by Lanczos on HVPs, each with its residual ‖Hv − λv‖
          (converged when ≤ --tol·‖H‖, default 1e-4) and the HVPs spent; λmax, λmin and 2/λmax;
          --trace: Hutchinson trace ± standard error (--probes, default 100); --density: the SLQ
          eigenvalue density on a grid (--density-probes 10, --density-steps, --sigma, --points 256);
          --exact: every eigenvalue of the float64 Hessian (P ≤ --exact-max, default 3000);
          --gauss-newton: the same for G = JᵀH_ℓJ. --engine tfjs (float32 HVPs, default) or float64
          (exact HVPs in plain JS). Layout: docs/formats/spectrum.md
slice     the loss of a saved run (network --save) on the slice θ* + a d1 + b d2: L, ∂L/∂a, ∂L/∂b,
          ∂²L/∂a², ∂²L/∂a∂b, ∂²L/∂b² at every node of a --grid n × n grid (2..1024, default 64) over
          --window (default -1,1,-1,1), written to --out as JSON (docs/formats/slice-grid.md); prints
          the engine and the seconds of the pass. --engine jets (default): Taylor-mode jets, a float64
          loop on --backend cpu (default) or tfjs ops on wasm; autodiff: nested reverse mode.
flip      gradient descent x <- x - eta f'(x) as a map: each local minimum x* of f in --domain
          (default -3,3), f''(x*), its flip point eta = 2/f''(x*), the 2-cycle at eta_flip (1 + r)
          (--offset r, default 1e-3) with its amplitude against the normal form's, and the eta
          where the 2-cycle's multiplier reaches -1 (period 4 begins). docs/formats/flip.md

Formulas: numbers, x, y, pi, e, + - * / ^ (right-associative), parentheses and
  sin cos tan exp log sqrt abs atan sinh cosh tanh sigmoid softplus; write 2*x, not 2x.
Numbers that JSON cannot hold (NaN, Infinity) are written as null and listed under "warnings".
Exit status: 0 on success, 2 for bad input (one line on stderr), 1 for an internal error.

Examples:
  taylor-lab expand "x^3" --at 1 --order 2 --eval 0.5,0.75,1,1.25,1.5
  taylor-lab expand "(x^2-1)^2+y^2" --at 1,0 --steps
  taylor-lab critical "(x^2-1)^2+y^2" --domain -2,2,-2,2
  taylor-lab optimize "x^4 - 3*x^2 + x" --from -2 --lr 0.01`;

/** Runs one taylor-lab command line and returns its exit status; all output goes through `io`. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help' || rest.includes('--help')) {
      io.out(USAGE);
      return 0;
    }
    io.out(render(runCommand(command, rest), io));
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** Prints a failure: a CliError as a usage error (status 2), anything else as an internal error (status 1). */
function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof CliError) {
    io.err(`taylor-lab: ${e.message}`);
    for (const line of e.detail) io.err(line);
    return EXIT_USAGE;
  }
  io.err(`taylor-lab: internal error: ${e instanceof Error ? e.message : String(e)}`);
  return EXIT_INTERNAL;
}

/** Every command, as the messages for a missing or unknown one list them. */
export const COMMANDS = ['expand', 'critical', 'optimize', 'implicit', 'continue', 'flip', 'network', 'slice', 'spectrum'] as const;

/** Dispatches to a command's report; throws CliError for a missing or unknown command. */
function runCommand(command: string | undefined, rest: readonly string[]): ReportValue {
  switch (command) {
    case 'expand':
      return expandCommand(parseArgv(rest, EXPAND_OPTIONS, EXPAND_FLAGS));
    case 'critical':
      return criticalCommand(parseArgv(rest, CRITICAL_OPTIONS, []));
    case 'optimize':
      return optimizeCommand(parseArgv(rest, OPTIMIZE_OPTIONS, []));
    case 'implicit':
      return implicitCommand(parseArgv(rest, IMPLICIT_OPTIONS, IMPLICIT_FLAGS));
    case 'continue':
      return continueCommand(parseArgv(rest, CONTINUE_OPTIONS, CONTINUE_FLAGS));
    case 'network':
      throw new CliError('network trains asynchronously: run it through runCliAsync');
    case 'spectrum':
      throw new CliError('spectrum runs asynchronously: run it through runCliAsync');
    case 'slice':
      throw new CliError('slice runs asynchronously: run it through runCliAsync');
    case 'flip':
      return flipCommand(parseArgv(rest, FLIP_OPTIONS, []));
    case undefined:
      throw new CliError(`missing command: one of ${COMMANDS.join(', ')} (try taylor-lab --help)`);
    default:
      throw new CliError(`unknown command '${command}': expected one of ${COMMANDS.join(', ')} (try taylor-lab --help)`);
  }
}

/** What a non-finite value means where it is expected, for the warning that replaces it. */
const NON_FINITE_NOTES: Readonly<Record<string, string>> = {
  stableStep: 'no upward curvature limits the step',
  stableLearningRate: 'no positive eigenvalue limits the step',
  conditionNumber: 'the smallest |eigenvalue| is 0',
};

/**
 * The report as JSON text. An object report gets a "warnings" list for the non-finite numbers it
 * held; a list report (critical) has no room for one, so those warnings go to stderr instead.
 */
function render(report: ReportValue, io: CliIo): string {
  const { value, warnings } = replaceNonFinite(report, NON_FINITE_NOTES);
  if (Array.isArray(value)) {
    for (const w of warnings) io.err(`taylor-lab: warning: ${w}`);
    return formatJson(value);
  }
  return formatJson(warnings.length > 0 ? { ...(value as Record<string, ReportValue>), warnings } : value);
}

/** Runs `spectrum`, which loads tfjs like `network`: the Hessian's spectrum of a saved run. */
async function runSpectrum(args: readonly string[], io: CliIo): Promise<number> {
  try {
    (await import('./nodeTfjsGradients')).registerNodeTfjsGradients();
    const { SPECTRUM_FLAGS, SPECTRUM_OPTIONS, spectrumCommand } = await import('./spectrumCommand');
    io.out(render(await spectrumCommand(parseArgv(args, SPECTRUM_OPTIONS, SPECTRUM_FLAGS)), io));
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** Like runCli, and also runs `network`, which trains with tfjs and so finishes asynchronously. */
export async function runCliAsync(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'spectrum' && !argv.includes('--help')) return runSpectrum(argv.slice(1), io);
  if ((argv[0] !== 'network' && argv[0] !== 'slice') || argv.includes('--help')) return runCli(argv, io);
  try {
    // Loaded on demand: only `network` and `slice` need tfjs, the other commands keep their fast start.
    (await import('./nodeTfjsGradients')).registerNodeTfjsGradients();
    switch (argv[0]) {
      case 'slice': {
        const { SLICE_OPTIONS, sliceCommand } = await import('./sliceCommand');
        io.out(render(await sliceCommand(parseArgv(argv.slice(1), SLICE_OPTIONS, [])), io));
        return 0;
      }
    }
    const { NETWORK_OPTIONS, networkCommand } = await import('./networkCommand');
    io.out(render(await networkCommand(parseArgv(argv.slice(1), NETWORK_OPTIONS, [])), io));
    return 0;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** Runs the CLI on this process's arguments and sets its exit status. */
export async function main(): Promise<void> {
  process.exitCode = await runCliAsync(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

// Run when executed directly (`tsx src/cli/taylorLab.ts ...`), not when imported by the bin or tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
