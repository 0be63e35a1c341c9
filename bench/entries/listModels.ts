// Child process of the model-listing benchmark: times the core's listModels over a models folder
// and prints one JSON line. Usage: listModels <modelsDir>
import { performance } from 'node:perf_hooks';
import { listModels } from '../../src/core/usecases/listModels';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';

async function main(modelsDir: string | undefined): Promise<void> {
  if (!modelsDir) throw new Error('usage: listModels <modelsDir>');
  const t0 = performance.now();
  const models = await listModels(modelsDir, nodeFileSystem);
  const ms = performance.now() - t0;
  const damaged = models.filter((m) => m.status !== 'ok');
  process.stdout.write(
    JSON.stringify({ ms, count: models.length, damaged: damaged.length, firstDamage: damaged[0]?.error }) + '\n',
  );
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
