// The keys of a table that is one Tab stop (a grid with a roving tabindex, as VS Code's lists), shared by
// Compare Models' table and the Tune page's candidates table: a row's control moves with ↑/↓/PageUp/
// PageDown/Home/End to the same control of another row, a sort button with ←/→/Home/End to another;
// exactly one control of the grid has tabindex 0, so that Tab enters it once and the next Tab leaves it.

/** True when a modifier is held: the key is VS Code's or the screen reader's, not the grid's. */
export function withModifier(e: KeyboardEvent): boolean {
  return e.altKey || e.ctrlKey || e.metaKey;
}

const clamp = (i: number, count: number) => Math.min(count - 1, Math.max(0, i));

/** The row a key moves to from row `index` of `count` (`page` rows per PageUp/PageDown); undefined for other keys. */
export function rowMove(key: string, index: number, count: number, page: number): number | undefined {
  const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: count - 1 };
  return key in moves ? clamp(moves[key]!, count) : undefined;
}

/** The sort button a key moves to from button `index` of `count` (←/→/Home/End); undefined for other keys. */
export function headerMove(key: string, index: number, count: number): number | undefined {
  const moves: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: count - 1 };
  return key in moves ? clamp(moves[key]!, count) : undefined;
}

/** tabindex 0 on `stop`, -1 on every other control of the grid. */
export function markStop(controls: Iterable<HTMLElement>, stop: HTMLElement | null): void {
  for (const el of controls) el.tabIndex = el === stop ? 0 : -1;
}

/** ←/→ past a row's first or last control: the grid's scroll box moves sideways (it is no Tab stop of its own). */
export function scrollSideways(box: HTMLElement, key: string): void {
  box.scrollBy({ left: (key === 'ArrowRight' ? 1 : -1) * Math.round(box.clientWidth / 2) });
}
