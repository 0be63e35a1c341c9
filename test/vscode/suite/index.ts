// Entry of the extension-host test suite (bundled to out/vscode-suite/index.js). The harness
// loads it as extensionTestsPath and reads the results from MODEL_LAB_TEST_RESULTS.
import { runAll, writeResults } from './runner';
import './extension.test';
import './fileSystem.test';
import './compare.test';
import './tune.test';
import './cancelFit.test';
import './workerThreads.test';
import './validateWorker.test';
import './database.test';
import './settings.test';
import './importAgain.test';

export async function run(): Promise<void> {
  const lines: string[] = [];
  const results = await runAll((l) => {
    lines.push(l);
    console.log(`[model-lab tests] ${l}`);
  });
  writeResults(results);
}
