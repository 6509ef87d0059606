/**
 * The GD-map view as a module of the registry: gradient descent as a map x ← x − η f′(x), its
 * bifurcation diagram with the flip points η = 2/f″(x*), and the edge of stability of a network.
 */
import type { ViewModule } from '../ViewModule';
import { GdMapView } from './GdMapView';

/** The GD-map view module (id 'gdmap', key 4). */
export const gdmapViewModule: ViewModule = {
  id: 'gdmap',
  create: (context) => new GdMapView(context),
};
