// A table wider than its page scrolls sideways inside its own box, so the page itself never does:
// in a narrow editor group a page wider than the view cut its right-hand columns off with no sign
// that there was more (a "1.0" showed as "1."). A box that does overflow becomes a named region in
// the tab order, so a keyboard can scroll it too; one that fits stays out of the way.
import { h } from './dom';

const watched = new ResizeObserver((entries) => {
  // Never unobserved: a page may take a box out and put the same one back (Tune builds its once).
  for (const e of entries) {
    const box = (e.target as HTMLElement).closest<HTMLElement>('.scroll-x');
    if (box) markOverflow(box);
  }
});

function markOverflow(box: HTMLElement): void {
  const overflows = box.scrollWidth > box.clientWidth + 1;
  if (overflows === box.hasAttribute('role')) return;
  if (overflows) {
    if (box.dataset['tabStop'] !== 'inside') box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', `${box.dataset['label'] ?? 'Table'} (scrolls sideways)`);
  } else {
    for (const a of ['tabindex', 'role', 'aria-label']) box.removeAttribute(a);
  }
}

/**
 * The table in its scroll box; `label` names it when the box has to scroll. A grid that is one Tab stop
 * (`tabStop: 'inside'`) scrolls its box from its own stop (←/→, gridKeys.ts): the box is no second stop.
 */
export function tableScroll(table: HTMLElement, label: string, { tabStop = 'box' }: { tabStop?: 'box' | 'inside' } = {}): HTMLElement {
  const box = h('div', { class: 'scroll-x', 'data-label': label, 'data-tab-stop': tabStop }, table);
  // The box resizes with the page; the table with what it shows.
  watched.observe(box);
  watched.observe(table);
  return box;
}
