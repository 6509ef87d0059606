import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { sameNumbers } from './chartMath';
import { createLegend, styleRoot, themeFromOptions, type ChartOptions, type ChartTheme } from './chartTheme';

/**
 * What the lab's uPlot charts share: a root element with the chart above a DOM legend, a theme, a
 * size, and one series per Taylor order. New data only swaps arrays while the orders stay the same;
 * a new set of orders (or a theme) rebuilds the chart.
 */
export abstract class OrderChart {
  /** Root element (chart + legend) inside the container. */
  readonly element: HTMLElement;
  protected readonly legend: HTMLElement;
  protected plot: uPlot | null = null;
  protected orders: number[] = [];
  protected theme: ChartTheme;
  protected width: number;
  protected height: number;

  /** Creates the root element; the subclass calls build() once its own fields exist. */
  protected constructor(container: HTMLElement, opts: ChartOptions | undefined, className: string) {
    this.theme = themeFromOptions(opts);
    this.width = opts?.width ?? (container.clientWidth || 640);
    this.height = opts?.height ?? 360;
    this.element = container.ownerDocument.createElement('div');
    this.element.className = className;
    container.append(this.element);
    this.legend = createLegend(this.element, this.theme);
  }

  /** Switches between dark and light and changes the font size (rebuilds the chart). */
  setTheme(theme: ChartTheme): void {
    this.theme = { dark: theme.dark, fontSize: theme.fontSize > 0 ? theme.fontSize : this.theme.fontSize };
    this.build();
  }

  /** Resizes the plotting canvas (axes included, legend excluded) in CSS pixels. */
  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.plot?.setSize({ width, height });
  }

  /** Destroys the uPlot instance and removes the chart from the page. */
  dispose(): void {
    this.plot?.destroy();
    this.plot = null;
    this.element.remove();
  }

  /** Swaps the data in place when the orders are unchanged, else rebuilds for the new orders. */
  protected showOrders(orders: number[]): void {
    if (!this.plot || !sameNumbers(orders, this.orders)) {
      this.orders = orders;
      this.build();
    } else {
      this.plot.setData(this.alignedData());
    }
  }

  /** (Re)creates the uPlot instance from options() and alignedData(), then lets the subclass finish. */
  protected build(): void {
    this.plot?.destroy();
    styleRoot(this.element, this.theme);
    this.legend.style.font = this.element.style.font;
    this.plot = new uPlot(this.options(), this.alignedData(), (u, init) => {
      this.element.insertBefore(u.root, this.legend);
      init();
    });
    this.afterBuild(this.plot);
  }

  /** Options every chart shares: its size, no uPlot legend (ours is DOM), no zoom by dragging. */
  protected baseOptions(): Pick<uPlot.Options, 'width' | 'height' | 'legend' | 'cursor'> {
    return {
      width: this.width,
      height: this.height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
    };
  }

  /** uPlot options for the current theme, size and orders. */
  protected abstract options(): uPlot.Options;
  /** The columns uPlot draws: x first, then one per series. */
  protected abstract alignedData(): uPlot.AlignedData;
  /** Pointer handlers, legend rows and the like after each rebuild. */
  protected abstract afterBuild(plot: uPlot): void;
}
