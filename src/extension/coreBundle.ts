// Entry of dist/core.js: the heavy half of the core (SVC solver, CSV parser, PostgreSQL client,
// joblib reader, ONNX writer). The extension loads it on first use (see lazyCore.ts) so that
// activation only pays for the VS Code glue.
export { train } from '../core/usecases/train';
export { validate } from '../core/usecases/validate';
export { listModels } from '../core/usecases/listModels';
export { checkJoblibModel } from '../core/interop/validateJoblib';
export { importJoblib } from '../core/interop/importJoblib';
export { exportOnnx } from '../core/interop/exportOnnx';
export { CLASSIFIER_NAMES, SCALER_NAMES } from '../core/interop/joblibFiles';
export { runIrisGenerator } from '../core/database/irisGenerator';
export { pythonFloat } from '../core/text/pythonFloat';
export { ManifestCache } from '../core/experiments/manifestCache';
export { runSweep, parseCList, parseGammaList, parseSeedList, gridSize, MAX_SWEEP_MODELS } from '../core/experiments/sweep';
