// Turns a freshly trained model folder into one as Model Lab saved it before labels were typed:
// text classes ("1.0", "2.0", "3.0") and no labelType in model.json, hashes updated so it still loads.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function makePreLabelTypeModel(dir: string, classes: string[] = ['1.0', '2.0', '3.0']): void {
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  const classifier = JSON.parse(readFileSync(join(dir, 'classifier.json'), 'utf8')) as { classes: unknown[] };
  classifier.classes = classes;
  writeFileSync(join(dir, 'classifier.json'), JSON.stringify(classifier));
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown> & { files: Record<string, string> };
  delete manifest.labelType;
  delete manifest.manifestSha256; // saved before model.json had a seal too
  manifest.classes = classes;
  manifest.files['classifier.json'] = sha(join(dir, 'classifier.json'));
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest));
}
