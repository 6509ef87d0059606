/**
 * Runs around every unit test file. The unit files share one module graph per worker
 * (`isolate: false` in vitest.config.ts: tfjs and the app's modules load once per worker instead
 * of once per file, 93 s -> 62 s for the unit files on one worker), so a file that moves tfjs to
 * another backend (WASM) must not leave it there for the next file: back to the CPU backend the
 * unit tests assume.
 */
import { afterAll } from 'vitest';
import { tf } from '../../src/compute/tf';

afterAll(async () => {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
});
