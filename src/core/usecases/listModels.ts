// Lists the model folders in a models folder, newest first. A damaged folder is listed with the
// reason; it never hides the others. Hidden folders (in-progress saves: .tmp-*) and plain files are
// skipped; links are listed as damaged without being followed. A models folder that is itself a
// link is refused (UserError naming where it leads).
import type { FileSystem } from '../io/fileSystem';
import { paths } from '../io/fileSystem';
import { loadModel } from '../artifacts/loadModel';
import { checkModelsFolder } from '../artifacts/modelsFolder';
import type { ModelSummary } from './contracts';
import { newestFirst, summaryOf } from './modelSummary';

export async function listModels(modelsDir: string, fs: FileSystem): Promise<ModelSummary[]> {
  if (!(await checkModelsFolder(fs, modelsDir))) return [];
  const entries = await fs.readDirectory(modelsDir);
  const out: ModelSummary[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.type === 'file') continue;
    const dir = paths.join(modelsDir, entry.name);
    if (entry.type !== 'directory') {
      // A link (or special file) among the models: shown, not followed — it could point anywhere.
      out.push({ name: entry.name, dir, status: 'damaged', error: `${dir}: is a link or special file, not a model folder — move the model folder itself here`, mtimeMs: 0 });
      continue;
    }
    const mtimeMs = (await fs.stat(dir).catch(() => undefined))?.mtimeMs ?? 0;
    try {
      const { manifest: m } = await loadModel(fs, dir);
      out.push(summaryOf(entry.name, dir, mtimeMs, m));
    } catch (e) {
      out.push({ name: entry.name, dir, status: 'damaged', error: e instanceof Error ? e.message : String(e), mtimeMs });
    }
  }
  return out.sort(newestFirst);
}
