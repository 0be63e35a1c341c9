// A page header that stays on top while the page scrolls — only while it is a small part of the
// view. Zoomed in (150 % in a 640 px window leaves 335 px) the Compare header took half the view
// and covered the focused row and the table's headings (WCAG 2.4.11 Focus Not Obscured): then it
// scrolls away with the page. While it sticks, the page's scroll padding is its height, so what is
// focused or scrolled into view (Tab, a find, a chart heading) lands below it, not under it.

/** The largest share of the view's height a sticky header may take. */
const MAX_SHARE = 0.3;
/** Room between the header and what is scrolled to, in CSS px. */
const GAP = 8;

export function stickWhileSmall(header: HTMLElement): void {
  const update = () => {
    const height = header.getBoundingClientRect().height;
    const sticky = height > 0 && height <= window.innerHeight * MAX_SHARE;
    header.classList.toggle('sticky', sticky);
    // CSSOM, not a style attribute: allowed by the CSP (style-src without 'unsafe-inline').
    document.documentElement.style.scrollPaddingTop = sticky ? `${Math.ceil(height) + GAP}px` : '';
  };
  // The header's height follows the view's width (its toolbar wraps); the share, the view's height.
  new ResizeObserver(update).observe(header);
  window.addEventListener('resize', update);
  update();
}
