// Tunes one iris model with the core's tune use case into a models folder (the tuned model of the
// VS Code sessions, whose Tune results page they time). Usage: tuneOneModel <modelsDir>
import { tune } from '../../src/core/experiments/tune/tune';
import { parseSearchGrid } from '../../src/core/experiments/tune/gridLists';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';

async function main(modelsDir: string | undefined): Promise<void> {
  if (!modelsDir) throw new Error('usage: tuneOneModel <modelsDir>');
  const result = await tune(
    {
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
      target: 'target', drop: [], grid: parseSearchGrid({ C: '0.1,1,10', gamma: 'scale,0.1' }), cv: 3, modelsDir, name: 'tuned-model',
    },
    nodeFileSystem,
  );
  process.stdout.write(JSON.stringify({ modelDir: result.model.modelDir, name: result.model.name }) + '\n');
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
