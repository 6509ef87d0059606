/**
 * The registry of views as data: one row per view the lab can show. Switching views is one state
 * key (`mode`) and one lookup in this table; the GUI's view selector, the view keys and the
 * permalink's allowed values all read it, so adding a view is adding a row (and its app module).
 */

/**
 * What a view shows, for the shared widgets that follow it (the error chart, the network panel,
 * the order keys): they ask what the shown view shows, never which view it is.
 * - landscape: the surface of f(x, y) with its expansion point, readouts and camera;
 * - curve: f(x) in 1D with its point x0 and the orders drawn;
 * - taylorFormula: the live formula of the Taylor model at the point;
 * - network: it needs the trained network's run (training goes on while it is shown).
 */
export type ViewCapability = 'landscape' | 'curve' | 'taylorFormula' | 'network';

/**
 * One view: its state id, what the GUI calls it, the key that shows it, the state keys it owns (a
 * link to the view always names them; a unit test checks each is a LabState key), and what it shows.
 */
export interface ViewInfo {
  readonly id: string;
  readonly label: string;
  readonly key: string;
  readonly stateKeys: readonly string[];
  readonly shows: readonly ViewCapability[];
}

/** The views, in the order the GUI lists them and V cycles through them. */
export const VIEWS = [
  { id: '2d', label: '3D landscape f(x, y)', key: '2', stateKeys: [], shows: ['landscape', 'taylorFormula', 'network'] },
  { id: '1d', label: '1D curve f(x)', key: '1', stateKeys: ['preset1d', 'formula1d', 'x1d', 'x1min', 'x1max', 'orders1d'], shows: ['curve', 'taylorFormula'] },
  {
    id: 'implicit',
    label: 'implicit F(x, λ) = 0',
    key: '3',
    stateKeys: ['implicitPreset', 'implicitFormula', 'lam0', 'xi0', 'implicitOrders', 'lamMin', 'lamMax', 'xiMin', 'xiMax', 'lamSlider', 'implicitDynamics', 'implicitMu'],
    shows: [],
  },
  {
    id: 'gdmap',
    label: 'GD map & edge of stability',
    key: '4',
    stateKeys: ['gdmapPanel', 'gdmapCase', 'gdmapFormula', 'gdmapXMin', 'gdmapXMax', 'gdmapLambda1', 'gdmapLambda2', 'gdmapEta', 'eosLr', 'eosSteps', 'eosSeed', 'eosEvery', 'eosPreset'],
    shows: [],
  },
  { id: 'spectrum', label: 'Hessian spectrum of the network', key: '5', stateKeys: ['specTop', 'specBottom', 'specProbes', 'specDensityProbes', 'specExact', 'specEngine', 'specEvery'], shows: ['network'] },
] as const satisfies readonly ViewInfo[];

/** One view id. */
export type ViewId = (typeof VIEWS)[number]['id'];

/** All view ids (the permalink's allowed values of `mode`). */
export const VIEW_IDS: readonly ViewId[] = VIEWS.map((v) => v.id);

/** The row of a view id (the 2D view for anything unknown). */
export function findView(id: string): (typeof VIEWS)[number] {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}

/** The view after `id` in the table, wrapping around. */
export function nextView(id: string): ViewId {
  const i = VIEWS.findIndex((v) => v.id === id);
  return VIEWS[(i + 1) % VIEWS.length].id;
}

/** Whether the view with this id shows `what` (false for an unknown id's fallback too, when it does not). */
export function viewShows(id: string, what: ViewCapability): boolean {
  return (findView(id).shows as readonly ViewCapability[]).includes(what);
}
