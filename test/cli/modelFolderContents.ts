// What a models folder holds, to compare two runs that should save the same models: each model
// folder's files by "model/file", model.json without the fields that record when it was written.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function modelFolderContents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const model of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, model))) {
      let text = readFileSync(join(dir, model, file), 'utf8');
      if (file === 'model.json') text = text.replace(/"(created|readAt|manifestSha256)": "[^"]*"/g, '');
      out[`${model}/${file}`] = text;
    }
  }
  return out;
}
