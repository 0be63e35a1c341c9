// Entry of dist/onDemand.js: the extension's code that activation does not need — the command
// handlers, the results, Compare and Tune pages, the data generator, data problems and the worker
// threads. Only onDemand.ts loads it, on the first command or page, so that activation compiles the
// Saved Models view and little else.
export { COMMAND_TABLE } from './commands/commandTable';
export { dataErrorActions, DataProblems } from './training/dataProblems';
export { ResultsEditors } from './webviews/resultsEditors';
export { ComparePanel } from './webviews/comparePanel';
export { TuneResultsPanels } from './webviews/tuneResultsPanel';
export { IrisGeneratorController } from './database/irisGeneratorController';
export { WorkerThreads } from './workerThreads';
