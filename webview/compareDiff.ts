// Two selected models side by side: the facts of their model.json (parameters, metrics, data with
// its hash and id range, split, provenance), grouped, each differing fact marked (≠ and a
// highlight, so colour is never the only cue), optionally only the differences.
import { diffFacts, type FactDiffRow, type FactsView } from '../src/protocol/comparePanel';
import { h } from './dom';
import { tableScroll } from './tableScroll';

function valueCell(value: string | undefined): HTMLElement {
  return value === undefined ? h('td', { class: 'missing' }, '—', h('span', { class: 'visually-hidden' }, 'none')) : h('td', {}, value);
}

/** The diff table of two models' facts (or why it cannot be shown). */
export function diffTable(a: FactsView, b: FactsView, onlyDifferences: boolean): HTMLElement {
  if (a.error !== undefined || b.error !== undefined) {
    return h('p', { class: 'reason' }, [a, b].filter((m) => m.error !== undefined).map((m) => `${m.name}: ${m.error}`).join('\n'));
  }
  const rows = diffFacts(a.facts, b.facts);
  const differing = rows.filter((r) => r.differs).length;
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;
  const groups = new Map<string, FactDiffRow[]>();
  for (const r of shown) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const bodies = [...groups].map(([group, rs]) => h('tbody', {},
    h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: '3' }, group)),
    ...rs.map((r) => h('tr', { class: r.differs ? 'differs' : '' },
      h('th', { scope: 'row' }, r.label, r.differs ? h('span', { class: 'differs-mark', 'aria-hidden': 'true', title: 'differs' }, ' ≠') : null,
        r.differs ? h('span', { class: 'visually-hidden' }, ' (differs)') : null),
      valueCell(r.a),
      valueCell(r.b)))));
  return h('div', { class: 'diff' },
    h('p', { class: 'muted', id: 'diff-summary' }, `${differing} of ${rows.length} facts differ.`),
    tableScroll(h('table', { class: 'diff-table', id: 'diff-table', 'aria-describedby': 'diff-summary' },
      h('caption', {}, `model.json of ${a.name} and ${b.name}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Fact'), h('th', { scope: 'col' }, a.name), h('th', { scope: 'col' }, b.name))),
      ...bodies), 'Differences'));
}
