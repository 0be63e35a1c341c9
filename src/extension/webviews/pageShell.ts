// The HTML of every Model Lab page, as text (no 'vscode': the page tests serve the same shell).
// The page builds all content itself with DOM APIs, so no data is ever parsed as HTML; the initial
// state travels in an attribute-escaped <meta> tag. <main> is no live region: a re-render puts
// thousands of characters in it (a sort, a checkbox, a new report), and a screen reader would read
// them all. Each page says what changed in short role="status" texts instead (the row count and
// sort on Compare and Tune results, the validation's outcome on the results page).

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PageShell {
  /** The Content-Security-Policy. */
  readonly csp: string;
  readonly nonce: string;
  /** The page's bundle. */
  readonly script: string;
  /** Its stylesheets, in order. */
  readonly styles: readonly string[];
  readonly title: string;
  readonly state: unknown;
}

export function pageShell(page: PageShell): string {
  const links = page.styles.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(page.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="model-lab-state" content="${escapeAttribute(JSON.stringify(page.state))}">
${links}
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<main id="app"><p class="loading">Loading…</p></main>
<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.script)}"></script>
</body>
</html>`;
}
