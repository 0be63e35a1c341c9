// Ctrl+F (⌘F) in the results and Tune results pages: every page is kept while its tab is hidden, and
// such a page has no VS Code find widget (PAGE_PANEL_OPTIONS in src/extension/contributions.ts).
// Compare finds through its filter instead.
// Matches are painted with the CSS Custom Highlight API (no change to the DOM, the selection or the
// focus, so a re-render underneath is safe); Enter goes to the next, Shift+Enter to the previous,
// Escape closes.
import { h } from './dom';

const ALL = 'find-match';
const CURRENT = 'find-current';

/** Adds the find bar to the page; `root` is where it searches (the bar itself is left out). */
export function installFindInPage(root: HTMLElement): void {
  const input = h('input', { id: 'find-input', type: 'search', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'find-status', 'aria-keyshortcuts': 'Enter Shift+Enter Escape' });
  const status = h('span', { id: 'find-status', class: 'muted', role: 'status' });
  const bar = h('div', { id: 'find-bar', role: 'search', hidden: '' }, h('label', { for: 'find-input' }, 'Find'), input, status);
  document.body.prepend(bar);
  let matches: Range[] = [];
  let current = -1;
  let returnFocus: HTMLElement | null = null;

  const paint = () => {
    const highlights = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
    const Highlight = (window as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (!highlights || !Highlight) return;
    highlights.set(ALL, new Highlight(...matches));
    highlights.set(CURRENT, new Highlight(...(current >= 0 ? [matches[current]!] : [])));
  };
  const search = () => {
    matches = rangesOf(root, input.value);
    current = matches.length > 0 ? 0 : -1;
    show();
  };
  const show = () => {
    paint();
    status.textContent = input.value === '' ? '' : matches.length === 0 ? 'No results' : `${current + 1} of ${matches.length}`;
    matches[current]?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  };
  const step = (by: number) => {
    // The page may have been rendered again since (a new report): search its text as it is now.
    if (matches.some((r) => !root.contains(r.startContainer))) matches = rangesOf(root, input.value);
    if (matches.length === 0) return show();
    current = ((current + by) % matches.length + matches.length) % matches.length;
    show();
  };
  const close = () => {
    bar.hidden = true;
    matches = [];
    current = -1;
    paint();
    // Where the focus was, or the control that took its place if the page was rendered again.
    const back = returnFocus?.isConnected ? returnFocus : returnFocus?.id ? document.getElementById(returnFocus.id) : null;
    back?.focus();
  };

  input.addEventListener('input', search);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  document.addEventListener('keydown', (e) => {
    if (isFindShortcut(e)) {
      e.preventDefault();
      if (bar.hidden) returnFocus = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
      bar.hidden = false;
      input.focus();
      input.select();
      if (input.value !== '') search();
    }
  });
}

/** Ctrl+F (⌘F on macOS), the key that finds in a page. */
export function isFindShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f';
}

/** Every case-insensitive occurrence of `text` in the text under `root`, in document order. */
function rangesOf(root: HTMLElement, text: string): Range[] {
  if (text === '') return [];
  const needle = folded(text);
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const hay = folded(node.nodeValue ?? '');
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
      const range = new Range();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      ranges.push(range);
    }
  }
  return ranges;
}

/** Lower case where that keeps every offset (a few letters, like İ, grow when lowered: those stay as they are). */
function folded(s: string): string {
  const lower = s.toLowerCase();
  return lower.length === s.length ? lower : s;
}
