// The scikit-learn release a Python virtual environment has, read from the name of its metadata
// folder (site-packages/scikit_learn-1.9.0.dist-info): nothing is run. The joblib files Model Lab
// writes follow it when the user names no release, so that they load there without a warning.
import { paths, type FileSystem } from '../../io/fileSystem';

/** Virtual environments as `python -m venv NAME` and the usual tools name them, in a project folder. */
export const ENVIRONMENT_NAMES = ['.venv', 'venv', 'env'];

const PYTHON_LIB = /^python3\.\d+$/;
const SKLEARN_METADATA = /^scikit_learn-(\d+\.\d+\.\d+(?:\.post\d+)?)\.(?:dist|egg)-info$/;

async function names(fs: FileSystem, dir: string): Promise<string[]> {
  try {
    return (await fs.readDirectory(dir)).map((e) => e.name);
  } catch {
    return []; // not there, or not a folder
  }
}

/** The scikit-learn version installed in the environment at `root`, if any. */
export async function sklearnInEnvironment(fs: FileSystem, root: string): Promise<string | undefined> {
  // Linux and macOS: lib/python3.X/site-packages; Windows: Lib/site-packages.
  const libs = (await names(fs, paths.join(root, 'lib'))).filter((n) => PYTHON_LIB.test(n)).map((n) => paths.join(root, 'lib', n, 'site-packages'));
  for (const site of [...libs, paths.join(root, 'Lib', 'site-packages')]) {
    for (const name of await names(fs, site)) {
      const version = SKLEARN_METADATA.exec(name)?.[1];
      if (version !== undefined) return version;
    }
  }
  return undefined;
}

/** The scikit-learn of the first environment of `dir` (.venv, venv, env) that has one, and its folder name. */
export async function sklearnNear(fs: FileSystem, dir: string): Promise<{ version: string; where: string } | undefined> {
  for (const where of ENVIRONMENT_NAMES) {
    const version = await sklearnInEnvironment(fs, paths.join(dir, where));
    if (version !== undefined) return { version, where };
  }
  return undefined;
}
