/** The spectrum view as the registry lists it (issue 17): the trained network's Hessian spectrum. */
import './spectrum.css';
import type { ViewModule } from '../ViewModule';
import { SpectrumView } from './SpectrumView';

/** The spectrum view module: one container, one lil-gui folder, jobs on the compute side. */
export const spectrumView: ViewModule = {
  id: 'spectrum',
  create: (context) => new SpectrumView(context),
};
