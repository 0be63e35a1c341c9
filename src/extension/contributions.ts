// Every id that package.json contributes or refers to — commands, views, webview types, context
// keys — in one place. Pure (no 'vscode'), so a unit test checks it against package.json both
// ways; commands/commandTable.ts maps each command key to its handler.

export const COMMAND_IDS = {
  train: 'modelLab.train',
  trainWithOptions: 'modelLab.trainWithOptions',
  tune: 'modelLab.tune',
  showTuneResults: 'modelLab.showTuneResults',
  validate: 'modelLab.validate',
  showResults: 'modelLab.showResults',
  openFromTree: 'modelLab.openFromTree',
  revealInExplorer: 'modelLab.revealInExplorer',
  openModelFile: 'modelLab.openModelFile',
  deleteModel: 'modelLab.delete',
  renameModel: 'modelLab.rename',
  refresh: 'modelLab.refresh',
  sortByValidAccuracy: 'modelLab.sortByValidAccuracy',
  sortByDate: 'modelLab.sortByDate',
  sortByName: 'modelLab.sortByName',
  groupByData: 'modelLab.groupByData',
  ungroup: 'modelLab.ungroup',
  // Each choice's twin, shown in Sort and Group while that choice is in use, its title marked ✓:
  // VS Code draws no check mark for an extension's command (its `toggled` is for its own commands).
  sortByValidAccuracyActive: 'modelLab.sortByValidAccuracy.active',
  sortByDateActive: 'modelLab.sortByDate.active',
  sortByNameActive: 'modelLab.sortByName.active',
  groupByDataActive: 'modelLab.groupByData.active',
  ungroupActive: 'modelLab.ungroup.active',
  compare: 'modelLab.compare',
  setDatabasePassword: 'modelLab.setDatabasePassword',
  startIrisGenerator: 'modelLab.startIrisGenerator',
  stopIrisGenerator: 'modelLab.stopIrisGenerator',
  validateJoblib: 'modelLab.validateJoblib',
  importJoblib: 'modelLab.importJoblib',
  exportOnnx: 'modelLab.exportOnnx',
  exportSklearn: 'modelLab.exportSklearn',
  copyAsPython: 'modelLab.copyAsPython',
  openAsPython: 'modelLab.openAsPython',
  predict: 'modelLab.predict',
  applyDataFix: 'modelLab.applyDataFix',
  // The menus' twins of the commands that ask which model or file from the palette (their titles end
  // in "…", as VS Code's do when more input comes first) but act on the row or file a menu is opened on.
  validateFromMenu: 'modelLab.validate.fromMenu',
  importJoblibFromMenu: 'modelLab.importJoblib.fromMenu',
  exportOnnxFromMenu: 'modelLab.exportOnnx.fromMenu',
  exportSklearnFromMenu: 'modelLab.exportSklearn.fromMenu',
  copyAsPythonFromMenu: 'modelLab.copyAsPython.fromMenu',
  openAsPythonFromMenu: 'modelLab.openAsPython.fromMenu',
} as const;

export type CommandKey = keyof typeof COMMAND_IDS;
export type CommandId = (typeof COMMAND_IDS)[CommandKey];

/** Context keys the commands and views set for when-clauses in package.json. */
export const CONTEXT_KEYS = {
  /** Start Iris Data Generator is offered while false, Stop while true. */
  generatorRunning: 'modelLab.irisGeneratorRunning',
  /** The model folders, as the explorer's resourcePath (fsPath and URI path). */
  modelFolders: 'modelLab.modelFolders',
  /** The Saved Models view's order ('validAccuracy' | 'created' | 'name') and grouping ('none' | 'data'): which Sort and Group items are marked. */
  treeOrder: 'modelLab.treeOrder',
  treeGrouping: 'modelLab.treeGrouping',
} as const;

/** The views of the Model Lab container. */
/** workspaceState keys. */
export const STATE_KEYS = {
  /** Where the iris data generator writes while it runs; left set when the window closes or reloads under it. */
  generatorRunning: 'modelLab.irisGenerator.running',
} as const;

export const VIEW_IDS = {
  savedModels: 'modelLab.savedModels',
} as const;

/** Submenus of the view's title bar. */
export const SUBMENU_IDS = {
  arrange: 'modelLab.arrange',
} as const;

/** Webview panel types (restored after a reload by their serializers). */
export const WEBVIEW_TYPES = {
  results: 'modelLab.results',
  compare: 'modelLab.compare',
  tuneResults: 'modelLab.tuneResults',
} as const;

/**
 * Every page (results, Compare, Tune) is kept while its tab is hidden, so that coming back to it is
 * instant: made again, a results tab came back after 1.6–1.7 s in code-server (VS Code's webview, not
 * the page), kept after 0.1–0.2 s, for about 10 MB more per hidden tab (chromium, 8 tabs: +85 MB).
 * A kept page has no VS Code find widget: hiding a kept page with one makes VS Code focus it (its find
 * widget's hide() focuses the webview), which would take the keyboard from Saved Models at every click
 * there. The pages find by themselves (Ctrl+F: webview/findInPage.ts, Compare's filter).
 */
export const PAGE_PANEL_OPTIONS = { enableFindWidget: false, retainContextWhenHidden: true } as const;

/**
 * The tab icon of every page, one file per theme kind (the high-contrast themes take the same ones):
 * a tab draws its icon as an image, where media/model-lab.svg's currentColor is black, so Dark High
 * Contrast showed it black on black. Paths under the extension's folder.
 */
export const PAGE_ICON = { light: 'media/model-lab-light.svg', dark: 'media/model-lab-dark.svg' } as const;

/** How the results editor is registered (context.ts, at activation). */
export const RESULTS_EDITOR_OPTIONS = {
  supportsMultipleEditorsPerDocument: false,
  webviewOptions: PAGE_PANEL_OPTIONS,
} as const;
