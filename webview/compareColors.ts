// Line styles for the Compare chart: a qualitative palette per theme kind (each colour at least
// 4.5:1 against the theme's editor background and clearly apart from the others), combined with a
// marker shape so that 8 colours × 6 shapes give 48 distinct lines before any style repeats.
// High-contrast themes get their own, stronger palettes.

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Palettes by theme kind; checked for contrast against the themes' backgrounds in the page test. */
export const PALETTES: Readonly<Record<ThemeKind, readonly string[]>> = {
  light: ['#0066cc', '#c24e00', '#007a5a', '#a8327d', '#6a4fb3', '#8a6d00', '#b3261e', '#00758f'],
  dark: ['#4da6ff', '#ff8c3a', '#3ecf8e', '#f27ec2', '#b99cff', '#e6c84a', '#ff6b6b', '#4fd1e0'],
  'high-contrast': ['#6cb6ff', '#ffa04d', '#5be49b', '#ff8ad8', '#c8b0ff', '#ffe066', '#ff7b7b', '#66e0f0'],
  'high-contrast-light': ['#0b4a8c', '#9c3d00', '#00633f', '#8c1d6b', '#4b2e99', '#6b5400', '#e00000', '#005b6e'],
};

/** Chart.js point styles, in the order lines take them once the colours run out. */
export const MARKERS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'] as const;
export type Marker = (typeof MARKERS)[number];

export interface LineStyle {
  readonly color: string;
  readonly marker: Marker;
}

/** The theme kind VS Code gives the webview (its body class; HC light also carries vscode-high-contrast). */
export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/** The style of line i of n: colours first, then the next marker with the colours again. */
export function lineStyle(i: number, kind: ThemeKind = themeKind()): LineStyle {
  const palette = PALETTES[kind];
  return { color: palette[i % palette.length]!, marker: MARKERS[Math.floor(i / palette.length) % MARKERS.length]! };
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small legend swatch (line and marker) as SVG built with DOM calls (no markup, CSP-safe). */
export function swatch(style: LineStyle, dashed = false): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '12');
  svg.setAttribute('viewBox', '0 0 28 12');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'swatch');
  const line = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ x1: '1', y1: '6', x2: '27', y2: '6', stroke: style.color, 'stroke-width': '2' })) line.setAttribute(k, v);
  if (dashed) line.setAttribute('stroke-dasharray', '4 3');
  svg.append(line, markerShape(style));
  return svg;
}

function markerShape(style: LineStyle): SVGElement {
  const el = (tag: string, attrs: Record<string, string>) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries({ fill: style.color, stroke: style.color, ...attrs })) e.setAttribute(k, v);
    return e;
  };
  switch (style.marker) {
    case 'circle': return el('circle', { cx: '14', cy: '6', r: '4' });
    case 'rect': return el('rect', { x: '10', y: '2', width: '8', height: '8' });
    case 'triangle': return el('polygon', { points: '14,1 19,10 9,10' });
    case 'rectRot': return el('polygon', { points: '14,1 19,6 14,11 9,6' });
    case 'star': return el('polygon', { points: '14,0.5 15.6,4.3 19.7,4.6 16.6,7.2 17.5,11.2 14,9 10.5,11.2 11.4,7.2 8.3,4.6 12.4,4.3' });
    case 'crossRot': return el('path', { d: 'M10,2 L18,10 M18,2 L10,10', 'stroke-width': '2.5', fill: 'none' });
  }
}
