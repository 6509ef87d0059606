#!/usr/bin/env node
/**
 * `npm test`: every check, in two lanes that run side by side.
 *
 * - browser lane: the browser tests (vitest project `browser`), one file at a time in headless
 *   Chromium; its output streams as it comes.
 * - node lane: typecheck, lint (zero warnings), then the unit tests (vitest project `unit`) on one
 *   worker; its output is held and printed as one block when the lane ends, so the two never mix
 *   line by line.
 *
 * Vitest runs a project whose files may not run in parallel in a group of its own, after the
 * others, so in one `vitest run` the unit and browser files never overlap. The browser files spend
 * much of their time waiting on Chromium (page loads, frames, polls), so the unit lane fits beside
 * them. Exit status: 0 only when every step of both lanes passed.
 *
 * Arguments are passed to both vitest runs (e.g. `npm test -- --reporter=dot`, or a file filter:
 * `npm test -- lecture` runs the matching files of each project, and a lane with none passes).
 */
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const extra = process.argv.slice(2);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs one command; resolves with its exit code and (when held) its output. */
function run(cmd, args, hold) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    const chunks = [];
    if (hold) {
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
    }
    child.on('error', (e) => {
      chunks.push(Buffer.from(`${cmd}: ${e.message}\n`));
      resolve({ code: 1, output: Buffer.concat(chunks).toString() });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString() }));
  });
}

/** The node lane: each step's output held, printed together when the lane ends. */
async function nodeLane() {
  const steps = [
    ['typecheck', [npx, ['tsc', '--noEmit']]],
    ['lint', [npx, ['eslint', '--max-warnings', '0', '.']]],
    ['unit tests', [npx, ['vitest', 'run', '--project', 'unit', '--maxWorkers', '1', '--passWithNoTests', ...extra]]],
  ];
  const out = [];
  const failed = [];
  for (const [name, [cmd, args]] of steps) {
    const started = Date.now();
    const { code, output } = await run(cmd, args, true);
    out.push(`\n── ${name} (${((Date.now() - started) / 1000).toFixed(0)} s): ${code === 0 ? 'passed' : `FAILED (exit ${code})`}\n${output}`);
    if (code !== 0) failed.push(name);
  }
  process.stdout.write(`\n════ node lane: typecheck, lint, unit tests ════${out.join('')}\n════ node lane ${failed.length ? `FAILED: ${failed.join(', ')}` : 'passed'} ════\n\n`);
  return failed;
}

async function browserLane() {
  const { code } = await run(npx, ['vitest', 'run', '--project', 'browser', '--passWithNoTests', ...extra], false);
  return code === 0 ? [] : ['browser tests'];
}

const started = Date.now();
const failed = (await Promise.all([nodeLane(), browserLane()])).flat();
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failed.length) {
  process.stdout.write(`npm test: FAILED (${failed.join(', ')}) after ${seconds} s\n`);
  process.exit(1);
}
process.stdout.write(`npm test: typecheck, lint, unit and browser tests passed in ${seconds} s\n`);
