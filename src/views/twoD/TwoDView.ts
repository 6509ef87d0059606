/**
 * The 2D landscape view as the ViewHost drives it: the 3D viewport, the readouts, the formula
 * field (hidden for a network landscape, whose function is not typed) and the 2D panel controls.
 */
import type { Store } from '../../state/Store';
import type { LabPanel } from '../../ui/LabPanel';
import type { LabView } from '../ViewHost';

/** Shows and hides what the 2D view owns. */
export class TwoDView implements LabView {
  /** This view's id in the registry. */
  readonly id = '2d' as const;
  private visible = false;

  /** Follows the landscape choice, which decides whether the formula field belongs on screen. */
  constructor(
    private readonly store: Store,
    private readonly panel: LabPanel,
    private readonly parts: { readonly viewport: HTMLElement; readonly readouts: HTMLElement; readonly formula: HTMLElement },
  ) {
    store.subscribe((_s, changed) => {
      if (changed.has('landscape')) this.apply();
    });
  }

  /** Shows or hides the view. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.apply();
  }

  private apply(): void {
    const { viewport, readouts, formula } = this.parts;
    viewport.hidden = !this.visible;
    readouts.hidden = !this.visible;
    formula.hidden = !this.visible || this.store.get().landscape !== 'formula';
    this.panel.setViewControlsVisible('2d', this.visible);
  }
}
