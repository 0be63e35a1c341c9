// Chart colours come from the theme's CSS variables (VS Code updates them on a theme change), so
// the plot follows light, dark and high-contrast themes like the rest of the page.
const CLASS_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v !== '' ? v : fallback;
}

export interface ChartColors {
  readonly classes: string[];
  readonly foreground: string;
  readonly grid: string;
  readonly error: string;
  readonly font: string;
}

/** The theme's chart colours (one per class, six of them) and the page's text, grid and error colours. */
export function chartColors(): ChartColors {
  return {
    classes: CLASS_VARIABLES.map((v, i) => cssVar(v, FALLBACK[i]!)),
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    grid: cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    error: cssVar('--vscode-errorForeground', '#f14c4c'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

/** Calls back when VS Code switches the theme (it changes the body's class and the variables). */
export function onThemeChange(callback: () => void): void {
  // The body's class/data attributes name the theme; the variables live in <html>'s style.
  const observer = new MutationObserver(callback);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
