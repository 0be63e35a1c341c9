// A subset of VS Code's theme variables for Light Modern, Dark Modern, Dark High Contrast and
// Light High Contrast, so the pages can be looked at (and tested, axe included) outside VS Code the
// way a webview receives them. Values from VS Code's theme files and colour registry defaults.
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Every theme kind, for tests that run in all of them. */
export const THEME_KINDS: readonly ThemeKind[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

const common = `--vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: "Droid Sans Mono", monospace;`;

export const THEME_CSS: Record<ThemeKind, string> = {
  light: `:root { ${common} --vscode-foreground: #3b3b3b; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #717171;
    --vscode-errorForeground: #e51400; --vscode-widget-border: #e5e5e5; --vscode-editorWidget-border: #c8c8c8; --vscode-panel-border: #e5e5e5;
    --vscode-badge-background: #cccccc; --vscode-badge-foreground: #333333; --vscode-testing-iconPassed: #388a34; --vscode-editorWarning-foreground: #bf8803;
    --vscode-charts-blue: #1a85ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #388a34; --vscode-charts-purple: #652d90; --vscode-charts-red: #e51400; --vscode-charts-yellow: #bf8803;
    --vscode-focusBorder: #005fb8; --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b;
    --vscode-dropdown-background: #ffffff; --vscode-dropdown-foreground: #3b3b3b; --vscode-dropdown-border: #cecece; --vscode-settings-dropdownBackground: #ffffff; --vscode-settings-dropdownForeground: #3b3b3b; --vscode-settings-dropdownBorder: #cecece; --vscode-dropdown-listBackground: #ffffff;
    --vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece; --vscode-textLink-foreground: #005fb8;
    --vscode-list-hoverBackground: #f2f2f2; --vscode-list-inactiveSelectionBackground: #e4e6f1; --vscode-button-secondaryHoverBackground: #cccccc; }`,
  dark: `:root { ${common} --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
    --vscode-errorForeground: #f85149; --vscode-widget-border: #313131; --vscode-editorWidget-border: #454545; --vscode-panel-border: #2b2b2b;
    --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8; --vscode-testing-iconPassed: #73c991; --vscode-editorWarning-foreground: #cca700;
    --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7; --vscode-charts-red: #f14c4c; --vscode-charts-yellow: #cca700;
    --vscode-focusBorder: #0078d4; --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
    --vscode-dropdown-background: #313131; --vscode-dropdown-foreground: #cccccc; --vscode-dropdown-border: #3c3c3c; --vscode-settings-dropdownBackground: #313131; --vscode-settings-dropdownForeground: #cccccc; --vscode-settings-dropdownBorder: #3c3c3c; --vscode-dropdown-listBackground: #313131;
    --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c; --vscode-textLink-foreground: #4daafc;
    --vscode-list-hoverBackground: #2a2d2e; --vscode-list-inactiveSelectionBackground: #37373d; --vscode-button-secondaryHoverBackground: #3c3c3c; }`,
  'high-contrast': `:root { ${common} --vscode-foreground: #ffffff; --vscode-editor-background: #000000; --vscode-descriptionForeground: #ffffff;
    --vscode-errorForeground: #f48771; --vscode-widget-border: #6fc3df; --vscode-editorWidget-border: #6fc3df; --vscode-panel-border: #6fc3df;
    --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff; --vscode-testing-iconPassed: #73c991; --vscode-editorWarning-foreground: #ffd700;
    --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7; --vscode-charts-red: #f14c4c; --vscode-charts-yellow: #cca700;
    --vscode-focusBorder: #f38518; --vscode-button-background: #000000; --vscode-button-foreground: #ffffff; --vscode-button-border: #6fc3df; --vscode-contrastBorder: #6fc3df;
    --vscode-dropdown-background: #000000; --vscode-dropdown-foreground: #ffffff; --vscode-dropdown-border: #6fc3df; --vscode-settings-dropdownBackground: #000000; --vscode-settings-dropdownForeground: #ffffff; --vscode-settings-dropdownBorder: #6fc3df; --vscode-dropdown-listBackground: #000000;
    --vscode-input-background: #000000; --vscode-input-foreground: #ffffff; --vscode-input-border: #6fc3df; --vscode-textLink-foreground: #21a6ff;
    --vscode-list-inactiveFocusOutline: #f38518; --vscode-contrastActiveBorder: #f38518; }`,
  'high-contrast-light': `:root { ${common} --vscode-foreground: #292929; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #292929b3;
    --vscode-errorForeground: #b5200d; --vscode-widget-border: #0f4a85; --vscode-editorWidget-border: #0f4a85; --vscode-panel-border: #0f4a85;
    --vscode-badge-background: #0f4a85; --vscode-badge-foreground: #ffffff; --vscode-testing-iconPassed: #007100; --vscode-editorWarning-foreground: #895503;
    --vscode-charts-blue: #0f4a85; --vscode-charts-orange: #b26200; --vscode-charts-green: #374e06; --vscode-charts-purple: #652d90; --vscode-charts-red: #b5200d; --vscode-charts-yellow: #895503;
    --vscode-focusBorder: #006bbd; --vscode-button-background: #0f4a85; --vscode-button-foreground: #ffffff; --vscode-button-border: #0f4a85; --vscode-contrastBorder: #0f4a85;
    --vscode-button-secondaryBackground: #ffffff; --vscode-button-secondaryForeground: #292929;
    --vscode-dropdown-background: #ffffff; --vscode-dropdown-foreground: #292929; --vscode-dropdown-border: #0f4a85; --vscode-settings-dropdownBackground: #ffffff; --vscode-settings-dropdownForeground: #292929; --vscode-settings-dropdownBorder: #0f4a85; --vscode-dropdown-listBackground: #ffffff;
    --vscode-input-background: #ffffff; --vscode-input-foreground: #292929; --vscode-input-border: #0f4a85; --vscode-textLink-foreground: #0f4a85;
    --vscode-list-inactiveFocusOutline: #006bbd; --vscode-contrastActiveBorder: #006bbd; }`,
};

// VS Code gives Light High Contrast both classes (its webview index.html, "backwards compatibility").
export const BODY_CLASS: Record<ThemeKind, string> = { light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast', 'high-contrast-light': 'vscode-high-contrast-light vscode-high-contrast' };

/** The variables of a theme as name → value (to set them the way VS Code does, on <html>'s style). */
export function themeVariables(kind: ThemeKind): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of THEME_CSS[kind].matchAll(/(--vscode-[\w-]+):\s*([^;]+);/g)) out[m[1]!] = m[2]!.trim();
  return out;
}
