// Imported first by portableBuild.test.ts: the engine reads this when it compiles, on first use.
process.env['MODEL_LAB_SVM_BUILD'] = 'portable';
