import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { sameNumbers } from './chartMath';
import { createLegend, styleRoot, themeFromOptions, type ChartOptions, type ChartTheme } from './chartTheme';
import { chartSvg, domLegend, sectionTitle, svgButton, uplotSvgSpec, type SvgMark, type SvgOverlay } from './chartSvg';

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
  /** The legend's "SVG" button (downloads toSvg() for slides). */
  readonly svgButton: HTMLButtonElement;

  /** Creates the root element; the subclass calls build() once its own fields exist. */
  protected constructor(container: HTMLElement, opts: ChartOptions | undefined, className: string) {
    this.theme = themeFromOptions(opts);
    this.width = opts?.width ?? (container.clientWidth || 640);
    this.height = opts?.height ?? 360;
    this.element = container.ownerDocument.createElement('div');
    this.element.className = className;
    container.append(this.element);
    this.legend = createLegend(this.element, this.theme);
    this.svgButton = svgButton(this.element, this.svgWhat(), className.replace(/^taylor-/, ''), () => this.toSvg());
  }

  /**
   * The chart as a standalone SVG (issue 21, figures for slides): the series, axes, marks and the
   * legend text as the page shows them now; `title` defaults to the heading of the chart's section.
   */
  toSvg(title = sectionTitle(this.element)): string {
    const options = this.options();
    const plot = this.plot;
    const range = (k: 'x' | 'y'): [number, number] => [plot?.scales[k]?.min ?? 0, plot?.scales[k]?.max ?? 1];
    const spec = uplotSvgSpec(options, this.alignedData(), { x: range('x'), y: range('y') }, {
      title,
      width: this.width,
      height: this.height,
      theme: this.theme,
      legend: domLegend(this.legend),
      marks: this.svgMarks(),
      overlays: this.svgOverlays(),
    });
    return chartSvg(spec);
  }

  /** What the SVG button's label calls the chart ("the error chart"). */
  protected svgWhat(): string {
    return 'this chart';
  }

  /** Dashed lines the chart draws in a draw hook (tolerance, breakdown steps, the current step). */
  protected svgMarks(): SvgMark[] {
    return [];
  }

  /** Other drawing of the chart's draw hooks (optimizer iterates, the expansion point). */
  protected svgOverlays(): SvgOverlay[] {
    return [];
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
    // Last in the legend row, pushed to its right end; legends are rebuilt in afterBuild.
    this.legend.append(this.svgButton);
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
