// Entry of dist/engine.js: the heavy half of the core (SVC solver, CSV parser, PostgreSQL client,
// joblib reader, ONNX writer). Only engine.ts loads it, on first use, so that activation pays
// for the VS Code glue alone.
export { train } from '../core/usecases/train';
export { validate } from '../core/usecases/validate';
export { predictionsCsv } from '../core/usecases/predictionsCsv';
export { unknownLabelsNote } from '../core/usecases/predict';
export { checkModelFiles } from '../core/usecases/checkModelFiles';
export { checkJoblibModel } from '../core/interop/validateJoblib';
export { importJoblib } from '../core/interop/importJoblib';
export { findEarlierImport, importedBeforeText, joblibFilesLabel } from '../core/interop/importedBefore';
export { collectModelFiles } from '../core/interop/joblibFiles';
export { exportOnnx } from '../core/interop/exportOnnx';
export { exportJoblib } from '../core/interop/exportJoblib';
export { pythonScript } from '../core/interop/exportPython';
export { runIrisGenerator } from '../core/database/irisGenerator';
export { runSweep, gridSize, describePoint, sweepVaries } from '../core/experiments/sweep';
export { parseCList, parseGammaList, parseSeedList } from '../core/experiments/valueLists';
export { holdDeletedModel, restoreModel, purgeHeldModel, purgeDeletedModels, renameModel } from '../core/artifacts/modelFolderOps';
export { WorkerPool } from '../core/parallel/workerPool';
export { sweepOnPool, fitOnPool } from '../core/experiments/sweepRunner';
export { predictOnPool } from '../core/usecases/rowPredictor';
export { unitsOnPool } from '../core/experiments/tune/poolRunner';
export { tune, describeHowFar } from '../core/experiments/tune/tune';
export { parseCoef0List, parseDegreeList, parseKernelList, parseSearchGrid } from '../core/experiments/tune/gridLists';
export { countCsvRows } from '../core/datasets/csvSample';
