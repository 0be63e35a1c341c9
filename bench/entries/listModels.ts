// Child process of the model-listing benchmark: times how the Saved Models tree lists a models
// folder (the core's ManifestListing reading model.json only, through the file system the tree uses
// for local folders: nodeListingFileSystem; first and cached refresh) and the full listModels that
// checks every file's hash. Prints one JSON line. Usage: listModels <modelsDir>
import { performance } from 'node:perf_hooks';
import { listModels } from '../../src/core/usecases/listModels';
import { ManifestListing } from '../../src/core/experiments/manifestListing';
import { nodeFileSystem, nodeListingFileSystem } from '../../src/core/io/nodeFileSystem';

async function main(modelsDir: string | undefined): Promise<void> {
  if (!modelsDir) throw new Error('usage: listModels <modelsDir>');
  const cache = new ManifestListing(nodeListingFileSystem, { verify: 'manifest' });
  let t0 = performance.now();
  const models = await cache.list(modelsDir);
  const ms = performance.now() - t0;
  t0 = performance.now();
  await cache.list(modelsDir);
  const refreshMs = performance.now() - t0;
  t0 = performance.now();
  await listModels(modelsDir, nodeFileSystem);
  const fullMs = performance.now() - t0;
  const damaged = models.filter((m) => m.status !== 'ok');
  process.stdout.write(
    JSON.stringify({ ms, refreshMs, fullMs, count: models.length, damaged: damaged.length, firstDamage: damaged[0]?.error }) + '\n',
  );
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
