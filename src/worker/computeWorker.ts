/**
 * The compute worker's entry: training, slice grids and Hessian eigen-solves run here, off the
 * main thread, behind the protocol of protocol.ts. The first job the page sends is `init`, with
 * the site's WASM file URLs.
 */
import { ComputeServer } from './ComputeServer';
import { COMPUTE_HANDLERS } from './computeHandlers';
import type { ServerEndpoint } from './protocol';

new ComputeServer(self as unknown as ServerEndpoint, COMPUTE_HANDLERS);
