// The model-lab command: dispatches to a subcommand and turns refusals into one line on stderr.
import { UserError } from '../core/types';
import { isAbortError } from '../core/abort';
import { TOOL } from '../core/artifacts/toolInfo';
import { closestName } from '../core/text/closestName';
import { runGenerate } from './generateCommand';
import { runExport, runImport, runValidateJoblib } from './interopCommands';
import { UsageError } from './args';
import { MAIN_HELP } from './help';
import type { CliIO } from './io';
import { runTrain } from './trainCommand';
import { runValidate } from './validateCommand';
import { runPredict } from './predictCommand';
import { runCompare } from './compareCommand';
import { runTune } from './tuneCommand';
import { runTuneUnit } from './tuneUnitCommand';

const COMMANDS = ['train', 'tune', 'tune-unit', 'validate', 'predict', 'compare', 'generate', 'import', 'export'];

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.out(`${TOOL.version}\n`);
        return 0;
      case 'train':
        return await runTrain(rest, io);
      case 'tune':
        return await runTune(rest, io);
      case 'tune-unit':
        return await runTuneUnit(rest, io);
      case 'validate':
        if (rest.some((a) => /\.joblib(\.gz)?$/i.test(a))) return await runValidateJoblib(rest);
        return await runValidate(rest, io);
      case 'predict':
        return await runPredict(rest, io);
      case 'compare':
        return await runCompare(rest, io);
      case 'generate':
        return await runGenerate(rest);
      case 'import':
        return await runImport(rest);
      case 'export':
        return await runExport(rest);
      default: {
        const near = closestName(command, COMMANDS);
        throw new UsageError(`model-lab: unknown command "${command}" — ${near ? `did you mean "${near}"? ` : ''}commands: ${COMMANDS.join(', ')} (model-lab --help)`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(oneLine(e.message) + '\n');
      return 2;
    }
    if (e instanceof UserError) {
      io.err(`model-lab ${command}: ${oneLine(e.message)}\n`);
      return 1;
    }
    if (isAbortError(e)) {
      io.err(`model-lab ${command}: cancelled — nothing was saved\n`);
      return 130;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.err(`model-lab ${command}: internal error: ${oneLine(detail)} (set MODEL_LAB_DEBUG=1 for details)\n`);
    if (process.env.MODEL_LAB_DEBUG) io.err(String((e as Error)?.stack) + '\n');
    return 70;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  // First Ctrl-C: stop at the next step and clean up; a second one ends the process at once.
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let cancelMode: 'graceful' | 'immediate' = 'graceful';
  const tty = process.stderr.isTTY === true;
  let shown = false;
  void runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
      process.stderr.write(t);
    },
    cwd: process.cwd(),
    signal: controller.signal,
    ...(tty ? {
      status: (t: string) => {
        process.stderr.write(`\r\x1b[K${t}`);
        shown = t !== '';
      },
    } : {}),
    // Without a listener Node restores the default SIGINT action: the process ends immediately.
    // Only on a real change: removing the listener drops a signal that is pending for it.
    cancelMode: (mode) => {
      if (mode === cancelMode) return;
      cancelMode = mode;
      process.removeListener('SIGINT', onSigint);
      if (mode === 'graceful') process.on('SIGINT', onSigint);
    },
  }).then((code) => {
    process.exitCode = code;
  });
}
