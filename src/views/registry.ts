/**
 * The view modules the host builds at start-up, one line each. The 2D, 1D and implicit views are
 * still built by main.ts while their wiring moves into createLab; every new view is one folder in
 * src/views/<name>/ plus one row in src/state/views.ts plus one line here.
 */
import type { ViewModule } from './ViewModule';
import { spectrumView } from './spectrum';
import { gdmapViewModule } from './gdmap';

/** View modules built from the registry, in the order of their rows. */
export const VIEW_MODULES: readonly ViewModule[] = [gdmapViewModule, spectrumView];
