import GUI, { type Controller } from 'lil-gui';
import { exportSettings } from './exportSettings';

/** What the lecture panel's buttons do. */
export interface LecturePanelActions {
  goTo(index: number): void;
  next(): void;
  prev(): void;
  exportPng(scale: number): void;
  toggleHelp(): void;
  fullscreen(): void;
}

/**
 * A small lil-gui of its own at the top of the sidebar (section#lecture-section): scene picker, previous and
 * next, PNG export at 1x and 2x, full screen and the key help.
 */
export class LecturePanel {
  /** The sidebar section holding the GUI. */
  readonly element: HTMLElement;
  private readonly gui: GUI;
  private readonly picker: Controller;
  private readonly model = { scene: '' };

  /** Builds the panel at the top of parent (after its header) for scenes listed by id and title. */
  constructor(parent: HTMLElement, scenes: readonly { id: string; title: string }[], actions: LecturePanelActions) {
    this.element = document.createElement('section');
    this.element.id = 'lecture-section';
    this.element.dataset.testid = 'lecture-panel';
    // First in the sidebar after its header (issue 21): at the end of a 2,000 px sidebar a lecturer had to scroll for them.
    const header = parent.querySelector(':scope > header');
    if (header) header.after(this.element);
    else parent.prepend(this.element);
    this.gui = new GUI({ container: this.element, title: 'lecture' });
    const options: Record<string, string> = { '— no scene —': '' };
    scenes.forEach((s, i) => (options[`${i + 1}. ${s.title}`] = s.id));
    this.picker = this.gui.add(this.model, 'scene', options).name('scene');
    this.picker.onChange((id: string) => {
      const index = scenes.findIndex((s) => s.id === id);
      if (index >= 0) actions.goTo(index);
    });
    const buttons = {
      prev: () => actions.prev(),
      next: () => actions.next(),
      png1: () => actions.exportPng(1),
      png2: () => actions.exportPng(2),
      fullscreen: () => actions.fullscreen(),
      help: () => actions.toggleHelp(),
    };
    this.gui.add(buttons, 'prev').name('◀ previous scene');
    this.gui.add(buttons, 'next').name('next scene ▶');
    this.gui.add(buttons, 'png1').name('save PNG (1×)');
    this.gui.add(buttons, 'png2').name('save PNG (2×, slides)');
    this.gui.add(exportSettings, 'pngFormula').name('polynomial in PNG');
    this.gui.add(buttons, 'fullscreen').name('full screen');
    this.gui.add(buttons, 'help').name('keys (?)');
  }

  /** Shows the current scene id in the picker ('' for none). */
  setCurrent(id: string): void {
    if (this.model.scene === id) return;
    this.model.scene = id;
    this.picker.updateDisplay();
  }

  /** Removes the panel. */
  dispose(): void {
    this.gui.destroy();
    this.element.remove();
  }
}
