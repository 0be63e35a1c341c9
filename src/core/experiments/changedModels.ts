// A model whose files changed after saving (an edited classifier.json, a deleted data.csv) cannot be
// loaded, but its model.json still says what it was: the comparison shows those recorded numbers
// marked "changed", as the Saved Models view does, instead of a row of empty cells marked damaged.
import type { FileSystem } from '../io/fileSystem';
import { readManifest } from '../artifacts/modelFileReader';
import { checkModelFiles } from '../usecases/checkModelFiles';
import type { ModelSummary } from '../usecases/contracts';
import { summaryOf } from '../usecases/modelSummary';

export interface ChangedModels {
  /** The summaries in the same order; a damaged one whose files changed is readable again (status 'ok'). */
  readonly summaries: ModelSummary[];
  /** For those: the files not as saved, as "classifier.json (modified)", for comparisonRows' changedFiles. */
  readonly changes: Map<ModelSummary, string[]>;
}

/** Looks again at the damaged models: those damaged only in that their files changed get their recorded summary back. */
export async function withChangedModels(summaries: readonly ModelSummary[], fs: FileSystem): Promise<ChangedModels> {
  const changes = new Map<ModelSummary, string[]>();
  const out: ModelSummary[] = [];
  for (const s of summaries) {
    const check = s.status === 'damaged' ? await checkModelFiles(s.dir, fs) : undefined;
    const manifest = check?.status === 'changed' ? await readManifest(fs, s.dir).catch(() => undefined) : undefined;
    if (!check || !manifest) {
      out.push(s);
      continue;
    }
    const recorded = summaryOf(s.name, s.dir, s.mtimeMs, manifest);
    changes.set(recorded, check.changes.map((c) => `${c.file} (${c.change})`));
    out.push(recorded);
  }
  return { summaries: out, changes };
}
