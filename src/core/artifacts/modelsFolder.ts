// The models folder itself must be a real folder where it is named: a cloned repository can ship
// `models` as a symbolic link to anywhere (~/.ssh, another project), and training would write
// there, and listings would show what is there, without a word. Saving and listing refuse it and
// show where it really leads. A model's own folder named as the models folder (`--out
// models/iris-C1-gscale-s2023`) is refused too: a model would be saved inside another model.
import { paths, type FileSystem } from '../io/fileSystem';
import { UserError, remedyError } from '../types';
import { osErrorCode, osUserError } from '../io/osErrors';
import { MANIFEST_FILE } from './manifest';

const MODELS_FOLDER_CHOICE = { option: 'out', text: 'choose another models folder ({option})', settingText: 'choose another models folder ({option})' } as const;

/**
 * Refuses a models folder that is a symbolic link, naming its real location, a file (a listing
 * would otherwise say "no models yet" and a save "something is already there"), or a model's own
 * folder. Returns true when a folder is there, false when nothing is there yet. Throws UserError
 * for a link, a file, a model's folder or a folder that may not be looked inside.
 */
export async function checkModelsFolder(fs: FileSystem, modelsDir: string): Promise<boolean> {
  const st = await fs.stat(modelsDir).catch((e: unknown) => {
    // A path through a file (afile/models) cannot hold a folder: said with the way to name another.
    if (osErrorCode(e) === 'ENOTDIR' || osErrorCode(e) === 'FileNotADirectory') {
      throw remedyError(`${modelsDir}: a part of the path is a file, not a folder, so no models folder can be there`, { option: 'out', text: 'name a folder with {option}' });
    }
    throw e;
  });
  if (!st) return false;
  if (st.type === 'link') {
    const where = st.linkTarget !== undefined ? `leads to ${st.linkTarget}` : 'leads somewhere else';
    throw new UserError(
      `${modelsDir}: the models folder is a symbolic link that ${where} — Model Lab does not save or list models through a link ` +
        '(a cloned repository could point it anywhere); delete the link, or name the real folder as the models folder if that is where your models belong',
    );
  }
  if (st.type !== 'directory') {
    throw remedyError(`${modelsDir}: the models folder is a file, not a folder`, { option: 'out', text: 'name a folder with {option}' });
  }
  // A folder that may not be looked inside (mode 000) is named itself, not the model.json looked for in it.
  const manifest = await fs.stat(paths.join(modelsDir, MANIFEST_FILE)).catch((e: unknown) => {
    throw osUserError(e, { path: modelsDir, doing: 'cannot look inside the models folder', access: 'either', choose: MODELS_FOLDER_CHOICE }) ?? e;
  });
  if (manifest?.type === 'file') {
    throw remedyError(`${modelsDir}: is a model's own folder (it holds ${MANIFEST_FILE}), not a models folder`, {
      option: 'out', text: `name the folder that holds the models with {option}, such as ${paths.dirname(modelsDir)}`,
    });
  }
  return true;
}
