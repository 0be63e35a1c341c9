// The validation confusion matrices of the selected models, side by side (one card per model).
import type { MatrixView } from '../src/protocol/comparePanel';
import { formatPercent } from '../src/protocol/resultsPanel';
import { h } from './dom';
import { tableScroll } from './tableScroll';

function matrixTable(m: MatrixView): HTMLElement {
  const confusion = m.confusion ?? [];
  // A loop, not Math.max(...cells): past ~125,000 arguments (350 classes) the spread overflows the stack.
  const max = confusion.flat().reduce((a, b) => Math.max(a, b), 1);
  return h('table', { class: 'confusion' },
    h('caption', {}, `rows: true class · columns: predicted`),
    h('thead', {}, h('tr', {}, h('td', { class: 'corner' }), ...m.classNames.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...confusion.map((r, i) => h('tr', {},
      h('th', { scope: 'row' }, m.classNames[i] ?? String(i)),
      ...r.map((n, j) => h('td', { class: `num ${i === j ? 'diag' : n > 0 ? 'off' : ''} shade-${Math.round((n / max) * 4)}` }, n)),
    ))),
  );
}

export function matrixCards(matrices: readonly MatrixView[]): HTMLElement[] {
  return matrices.map((m) => {
    const head = h('h3', {}, m.name);
    if (!m.confusion) return h('div', { class: 'matrix-card', 'data-id': m.id }, head, h('p', { class: 'reason' }, m.error ?? 'The model could not be loaded.'));
    const acc = m.accuracy !== undefined ? `${formatPercent(m.accuracy)} (${m.correct}/${m.total})` : '';
    return h('div', { class: 'matrix-card', 'data-id': m.id }, head, h('p', { class: 'muted' }, `validation ${acc}`), tableScroll(matrixTable(m), `Confusion matrix of ${m.name}`));
  });
}
