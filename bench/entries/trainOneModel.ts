// Trains one iris model with the core's train use case into a models folder (the seed copied
// 1,000 times for the model-listing benchmark). Usage: trainOneModel <modelsDir>
import { train } from '../../src/core/usecases/train';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';

async function main(modelsDir: string | undefined): Promise<void> {
  if (!modelsDir) throw new Error('usage: trainOneModel <modelsDir>');
  const result = await train(
    {
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name: 'seed-model',
    },
    nodeFileSystem,
  );
  process.stdout.write(JSON.stringify({ modelDir: result.modelDir, name: result.name }) + '\n');
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
