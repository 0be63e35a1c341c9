// Child process of interruptedSave.test.ts: a real save into argv[2] whose model.json write (after
// its files) never finishes, as if the process were stuck or about to be killed mid-save. It prints
// "saving" once its files are in its temporary folder, then waits (the test kills it, or lets it live).
import { nodeFileSystem } from '../../../src/core/io/nodeFileSystem';
import type { FileSystem } from '../../../src/core/io/fileSystem';
import { saveModel } from '../../../src/core/artifacts/saveModel';

const KEEP_ALIVE_MS = 60_000;
const fs: FileSystem = {
  ...nodeFileSystem,
  async writeFile(path, data) {
    if (path.endsWith('model.json')) {
      process.stdout.write('saving\n');
      setInterval(() => undefined, KEEP_ALIVE_MS); // stay alive until killed
      await new Promise<never>(() => undefined);
    }
    return nodeFileSystem.writeFile(path, data);
  },
};
void saveModel(fs, { modelsDir: process.argv[2]!, name: 'stuck', files: { 'a.json': '{}\n', 'b.json': '{}\n' }, manifest: {} as never });
