// A tiny DOM builder: every text goes through textContent, so names, labels and file names from
// a model can never be read as HTML; bidi control characters in them are written out (⟨U+202E⟩),
// so that a name cannot reorder the text around it.
import { showBidiControls } from '../src/protocol/bidiControls';

/** Attributes that VS Code's webview shows or reads aloud as text. */
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder']);
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, TEXT_ATTRIBUTES.has(k) ? showBidiControls(v) : v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(showBidiControls(String(c))) : c);
  }
  return el;
}

/**
 * Gives the focus back to a control that a re-render replaced — only while this page has the focus:
 * a page updated in the background (a hidden tab kept alive, or while the user is in the tree) must
 * not pull the focus out of VS Code's workbench.
 */
export function refocus(el: HTMLElement | null | undefined, options?: FocusOptions): void {
  if (el && document.hasFocus()) el.focus(options);
}

/**
 * Sets a role="status" element's text, only when it changes: a screen reader says each change, and
 * these short texts are all it says of a re-render (the pages' <main> is no live region).
 */
export function announce(status: HTMLElement, text: string): void {
  const shown = showBidiControls(text);
  if (status.textContent !== shown) status.textContent = shown;
}
