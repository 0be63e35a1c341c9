// The legend of the Compare and Tune charts, in HTML beside the canvas: one toggle button per line
// (its colour, marker and the other parameters' values), in a box that scrolls, so a hundred lines
// neither cover the plot nor run off it; every entry is reachable by keyboard (aria-pressed).
import { h, refocus } from './dom';
import { swatch } from './compareColors';
import type { ChartLine } from './seriesPlan';

export class ChartLegend {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;

  /** Labels of the lines the user hid (an entry toggles its line); the page plots without them. */
  readonly hidden = new Set<string>();

  /**
   * `onToggle`: a line was hidden or shown again (redraw). `noun`: what the lines' rows are, in the
   * entries' tooltips ("3 models", "4 candidates").
   */
  constructor(onToggle: () => void, private readonly noun = 'model') {
    this.list = h('ul', { class: 'legend-list', 'aria-label': 'Lines of the chart' });
    this.root = h('div', { id: 'chart-legend', class: 'legend' }, this.list);
    this.list.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button[data-label]');
      if (!button) return;
      const label = button.getAttribute('data-label') ?? '';
      if (!this.hidden.delete(label)) this.hidden.add(label);
      onToggle();
    });
  }

  /** Shows these lines; focus stays on the entry the user was on. */
  render(lines: readonly ChartLine[]): void {
    const hidden = this.hidden;
    const focused = this.list.contains(document.activeElement) ? document.activeElement?.getAttribute('data-label') : undefined;
    this.root.hidden = lines.length <= 1 && (lines[0]?.label ?? '') === '';
    this.list.replaceChildren(...lines.map((line) => {
      const shown = !hidden.has(line.label);
      const text = line.label === '' ? `all ${this.noun}s` : line.label;
      const button = h('button', {
        type: 'button', class: 'legend-entry', 'data-label': line.label, 'aria-pressed': String(shown),
        title: `${shown ? 'Hide' : 'Show'} ${text} (${line.models} ${this.noun}${line.models === 1 ? '' : 's'})`,
      }, swatch(line.style), h('span', { class: 'legend-text' }, text));
      return h('li', {}, button);
    }));
    if (focused !== undefined && focused !== null) {
      refocus(this.list.querySelector(`button[data-label="${CSS.escape(focused)}"]`) as HTMLElement | null);
    }
  }
}
