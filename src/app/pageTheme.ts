import type { ChartTheme } from '../plots/chartTheme';
import type { Theme } from '../state/schema';

/** The chart theme that matches the page: light only for 'projector-light', font size from the element's CSS (--font). */
export function pageChartTheme(theme: Theme, el: HTMLElement): ChartTheme {
  const size = parseFloat(getComputedStyle(el).fontSize);
  return { dark: theme !== 'projector-light', fontSize: size > 0 ? size : 14 };
}

/** True when two chart themes draw the same. */
export function sameChartTheme(a: ChartTheme | null, b: ChartTheme): boolean {
  return a !== null && a.dark === b.dark && Math.abs(a.fontSize - b.fontSize) < 0.5;
}

/** The page's chart theme for `theme`, or null when it draws the same as `current` (nothing to redo). */
export function changedChartTheme(current: ChartTheme | null, theme: Theme, el: HTMLElement): ChartTheme | null {
  const next = pageChartTheme(theme, el);
  return sameChartTheme(current, next) ? null : next;
}

/**
 * Calls back whenever <html data-theme> changes (the app sets it from state.theme, and --font
 * follows it), so charts pick up the new font size whichever store listener ran first.
 */
export function watchPageTheme(cb: () => void): () => void {
  const observer = new MutationObserver(cb);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
