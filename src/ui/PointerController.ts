import type { Store } from '../state/Store';
import { clampPoint } from '../state/actions';
import { formatRunStart } from '../core/optimizers/runSpecs';

/** What the pointer controller needs from the 3D view, injected so ui never imports scene. */
export interface PickTarget {
  /** Data coordinates under a screen position, or null when the ray misses the surface. */
  pick(clientX: number, clientY: number): { x: number; y: number } | null;
  /** Whether a screen position is over the expansion-point marker. */
  isOverMarker(clientX: number, clientY: number): boolean;
  /** Turns camera orbiting on or off (off while the point is dragged). */
  setControlsEnabled(enabled: boolean): void;
  /** Highlights the marker while the pointer is over it. */
  setMarkerHovered(hovered: boolean): void;
}

const CLICK_SLOP_PX = 5;

/**
 * Click on the surface places the point; pressing on the marker and dragging moves it along the
 * surface; any other drag is left to the orbit controls. Listens in the capture phase so it can
 * switch orbiting off before the controls see the press.
 */
export class PointerController {
  private dragging = false;
  private downAt: { x: number; y: number; id: number } | null = null;
  private readonly abort = new AbortController();

  /** Attaches listeners to the element that holds the canvas. */
  constructor(private readonly element: HTMLElement, private readonly target: PickTarget, private readonly store: Store) {
    const opts = { capture: true, signal: this.abort.signal };
    element.addEventListener('pointerdown', (e) => this.onDown(e), opts);
    element.addEventListener('pointermove', (e) => this.onMove(e), opts);
    element.addEventListener('pointerup', (e) => this.onUp(e), opts);
    element.addEventListener('pointercancel', () => this.endDrag(), opts);
  }

  private onDown(e: PointerEvent): void {
    if (!e.isPrimary) {
      // A second finger turns the gesture into a pinch or orbit: lifting the first is no tap.
      this.downAt = null;
      return;
    }
    this.downAt = { x: e.clientX, y: e.clientY, id: e.pointerId };
    if (this.target.isOverMarker(e.clientX, e.clientY)) {
      this.dragging = true;
      this.target.setControlsEnabled(false);
      this.element.setPointerCapture?.(e.pointerId);
      e.stopPropagation();
    }
  }

  private onMove(e: PointerEvent): void {
    if (this.dragging) {
      this.moveTo(e.clientX, e.clientY);
      e.stopPropagation();
      return;
    }
    if (e.buttons === 0) {
      const over = this.target.isOverMarker(e.clientX, e.clientY);
      this.element.style.cursor = over ? 'grab' : '';
      this.target.setMarkerHovered(over);
    }
  }

  private onUp(e: PointerEvent): void {
    const down = this.downAt;
    this.downAt = null;
    if (this.dragging) {
      this.endDrag();
      return;
    }
    if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP_PX) return;
    // Shift-click starts the optimizer runs there (issue 9); a plain click places the point.
    const hit = e.shiftKey ? this.target.pick(e.clientX, e.clientY) : null;
    if (hit) this.store.set({ runStart: formatRunStart(hit.x, hit.y), runSteps: 0 });
    else if (!e.shiftKey) this.moveTo(e.clientX, e.clientY);
  }

  private moveTo(clientX: number, clientY: number): void {
    const hit = this.target.pick(clientX, clientY);
    if (hit) this.store.set(clampPoint(this.store.get(), hit.x, hit.y));
  }

  private endDrag(): void {
    this.dragging = false;
    this.target.setControlsEnabled(true);
  }

  /** Removes every listener. */
  dispose(): void {
    this.abort.abort();
  }
}
