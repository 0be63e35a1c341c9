// The command table (rust-analyzer's createCommands pattern): each command id's handler, as a small
// function of the context. registerCommands.ts is the only place commands are registered.
import type { ModelLabContext } from '../context';
import type { CommandKey } from '../contributions';
import { runTrainCommand } from '../training/trainCommand';
import { runTuneCommand } from '../training/tuneCommand';
import { showTuneResults } from './tuneResultsCommand';
import { compareModels, deleteModels, openFromTree, renameModel, revealInExplorer, showResults, validateModel } from './modelCommands';
import { copyAsPython, exportOnnx, exportSklearn, importJoblib, openAsPython, validateJoblib } from './interopCommands';
import { setDatabasePassword } from './databaseCommands';
import { predictWithModel } from './predictCommand';
import { applyDataFix } from './dataFixCommand';
import { openModelFile } from './openModelFile';

/** A command's handler: receives VS Code's arguments (untrusted: command links can pass JSON). */
export type CommandHandler = (ctx: ModelLabContext, ...args: unknown[]) => unknown;

export const COMMAND_TABLE: Record<CommandKey, CommandHandler> = {
  train: (ctx, arg) => runTrainCommand(ctx, false, arg),
  trainWithOptions: (ctx, arg) => runTrainCommand(ctx, true, arg),
  tune: (ctx, arg) => runTuneCommand(ctx, arg),
  showTuneResults: (ctx, arg) => showTuneResults(ctx, arg),
  validate: (ctx, arg) => validateModel(ctx, arg),
  showResults: (ctx, arg) => showResults(ctx, arg),
  openFromTree: (ctx, arg) => openFromTree(ctx, arg),
  revealInExplorer: (ctx, arg) => revealInExplorer(ctx, arg),
  openModelFile: (ctx, arg) => openModelFile(ctx, arg),
  deleteModel: (ctx, clicked, selected) => deleteModels(ctx, clicked, selected),
  renameModel: (ctx, arg) => renameModel(ctx, arg),
  refresh: (ctx) => ctx.store.refresh(),
  sortByValidAccuracy: (ctx) => ctx.tree.arrange({ order: 'validAccuracy' }),
  sortByDate: (ctx) => ctx.tree.arrange({ order: 'created' }),
  sortByName: (ctx) => ctx.tree.arrange({ order: 'name' }),
  groupByData: (ctx) => ctx.tree.arrange({ grouping: 'data' }),
  ungroup: (ctx) => ctx.tree.arrange({ grouping: 'none' }),
  sortByValidAccuracyActive: (ctx) => ctx.tree.arrange({ order: 'validAccuracy' }),
  sortByDateActive: (ctx) => ctx.tree.arrange({ order: 'created' }),
  sortByNameActive: (ctx) => ctx.tree.arrange({ order: 'name' }),
  groupByDataActive: (ctx) => ctx.tree.arrange({ grouping: 'data' }),
  ungroupActive: (ctx) => ctx.tree.arrange({ grouping: 'none' }),
  compare: (ctx, clicked, selected) => compareModels(ctx, clicked, selected),
  setDatabasePassword: (ctx) => setDatabasePassword(ctx),
  startIrisGenerator: (ctx) => ctx.generator.start(),
  stopIrisGenerator: (ctx) => ctx.generator.stop(),
  validateJoblib: (ctx, clicked, selected) => validateJoblib(ctx, clicked, selected),
  importJoblib: (ctx, clicked, selected) => importJoblib(ctx, clicked, selected),
  exportOnnx: (ctx, arg) => exportOnnx(ctx, arg),
  exportSklearn: (ctx, arg) => exportSklearn(ctx, arg),
  copyAsPython: (ctx, arg) => copyAsPython(ctx, arg),
  openAsPython: (ctx, arg) => openAsPython(ctx, arg),
  predict: (ctx, arg, second) => predictWithModel(ctx, arg, second),
  applyDataFix: (ctx, arg) => applyDataFix(ctx, arg),
  validateFromMenu: (ctx, arg) => validateModel(ctx, arg),
  importJoblibFromMenu: (ctx, clicked, selected) => importJoblib(ctx, clicked, selected),
  exportOnnxFromMenu: (ctx, arg) => exportOnnx(ctx, arg),
  exportSklearnFromMenu: (ctx, arg) => exportSklearn(ctx, arg),
  copyAsPythonFromMenu: (ctx, arg) => copyAsPython(ctx, arg),
  openAsPythonFromMenu: (ctx, arg) => openAsPython(ctx, arg),
};
