// Lists the model folders in a models folder, newest first. A damaged folder is listed with the
// reason; it never hides the others. Only folders holding a model.json are models (modelFolders.ts):
// other folders are not listed; hidden folders (in-progress saves: .tmp-*) and plain files are
// skipped; links are listed as damaged without being followed; a folder removed while it runs is left out. A models folder that is itself a
// link is refused (UserError naming where it leads).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { checkModel } from '../artifacts/loadModel';
import { checkModelsFolder } from '../artifacts/modelsFolder';
import type { ModelSummary } from './contracts';
import { damagedSummary, linkSummary, modelsFolderContents, stillAModel } from './modelFolders';
import { newestFirst, summaryOf } from './modelSummary';

/** The models of a models folder, newest first (damaged ones with their reason). Throws nothing for a missing folder. */
export async function listModels(modelsDir: string, fs: FileSystem): Promise<ModelSummary[]> {
  if (!(await checkModelsFolder(fs, modelsDir))) return [];
  const contents = await modelsFolderContents(modelsDir, fs);
  const out: ModelSummary[] = [];
  for (const name of contents.models) {
    if (contents.links.includes(name)) {
      out.push(linkSummary(modelsDir, name));
      continue;
    }
    const dir = paths.join(modelsDir, name);
    const mtimeMs = (await fs.stat(dir).catch(() => undefined))?.mtimeMs ?? 0;
    try {
      out.push(summaryOf(name, dir, mtimeMs, await checkModel(fs, dir)));
    } catch (e) {
      // A folder removed while the listing ran is left out, not shown as damaged.
      if (await stillAModel(fs, dir)) out.push(damagedSummary(name, dir, mtimeMs, e));
    }
  }
  return out.sort(newestFirst);
}
