// The model-lab command: dispatches to a subcommand and turns refusals into one line on stderr.
import { UserError, withRemedyOption } from '../core/types';
import { isAbortError } from '../core/abort';
import { anyOsUserError } from '../core/io/osErrors';
import { TOOL } from '../core/artifacts/toolInfo';
import { closestName } from '../core/text/closestName';
import { runGenerate } from './generateCommand';
import { runImport, runValidateJoblib } from './interopCommands';
import { runExport } from './exportCommand';
import { UsageError } from './args';
import { PartialOutput } from './partialOutput';
import { MAIN_HELP } from './help';
import type { CliIO } from './io';
import { processIO } from './processIO';
import { visibleOutput } from './visibleOutput';
import { onLongWork } from '../core/parallel/longWork';
import { runTrain } from './trainCommand';
import { runValidate } from './validateCommand';
import { runPredict } from './predictCommand';
import { runCompare } from './compareCommand';
import { runTune } from './tuneCommand';
import { runTuneUnit } from './tuneUnitCommand';
import { compileForShortProcess } from '../core/svm/svmEngine';
import { SKLEARN_FILE } from '../core/artifacts/loadModel';

type Command = (args: string[], io: CliIO) => Promise<number>;

/** The subcommands: name → runner. Every runner gets the same CliIO and nothing else of the process. */
const COMMANDS: Readonly<Record<string, Command>> = {
  train: runTrain,
  tune: runTune,
  'tune-unit': runTuneUnit,
  validate: (args, io) => (args.some((a) => SKLEARN_FILE.test(a)) ? runValidateJoblib(args, io) : runValidate(args, io)),
  predict: runPredict,
  compare: runCompare,
  generate: runGenerate,
  import: runImport,
  export: runExport,
};

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Commands that take the PostgreSQL URL in --data (generate says its own flags). */
const DATA_URL_COMMANDS: ReadonlySet<string | undefined> = new Set(['train', 'tune', 'predict']);

/** A fix "in the database URL" names the flag the user typed the URL in. */
function inCommandTerms(e: UserError, command: string | undefined): string {
  if (e.detail.remedy?.option !== 'database-url' || !DATA_URL_COMMANDS.has(command)) return e.message;
  return withRemedyOption(e.detail, '--data') ?? e.message;
}

/** Runs one model-lab command line; resolves to its exit code (refusals become one line on io.err, never a throw). */
export async function runCli(argv: string[], processOutput: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  // The one place output is made safe for a terminal: no command can forget it.
  const io = visibleOutput(processOutput, rest.includes('--json'));
  try {
    switch (command) {
      case 'help':
        // `model-lab help train` is `model-lab train --help`, as git and npm read it.
        if (rest.length > 0 && Object.hasOwn(COMMANDS, rest[0]!)) return await COMMANDS[rest[0]!]!(['--help'], io);
        if (rest.length > 0) {
          const near = closestName(rest[0]!, Object.keys(COMMANDS));
          throw new UsageError(`model-lab help: no command "${rest[0]}" — ${near ? `did you mean "${near}"? ` : ''}commands: ${Object.keys(COMMANDS).join(', ')}`);
        }
        io.out(MAIN_HELP);
        return 0;
      case undefined:
      case '--help':
      case '-h':
        io.out(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.out(`${TOOL.version}\n`);
        return 0;
      default: {
        const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
        if (run) return await run(rest, io);
        const names = Object.keys(COMMANDS);
        const near = closestName(command, names);
        throw new UsageError(`model-lab: unknown command "${command}" — ${near ? `did you mean "${near}"? ` : ''}commands: ${names.join(', ')} (model-lab --help)`);
      }
    }
  } catch (caught) {
    // A --json command that failed after producing something: its document first, with the same words in "error".
    const partial = caught instanceof PartialOutput ? caught : undefined;
    const e = partial ? partial.failure : caught;
    if (e instanceof UsageError) {
      io.err(oneLine(e.message) + '\n');
      return 2;
    }
    const { text, code } = failureOf(e, command);
    if (partial) io.out(JSON.stringify({ ...partial.document, error: text }) + '\n');
    io.err(`model-lab ${command}: ${text}\n`);
    if (code === EXIT_INTERNAL && process.env.MODEL_LAB_DEBUG) io.err(String((e as Error)?.stack) + '\n');
    return code;
  }
}

/** Exit status of a bug (EX_SOFTWARE): the line says "internal error". */
const EXIT_INTERNAL = 70;

/** A failure's words after "model-lab COMMAND: ", and its exit status. */
function failureOf(e: unknown, command: string | undefined): { text: string; code: number } {
  if (e instanceof UserError) return { text: oneLine(inCommandTerms(e, command)), code: 1 };
  if (isAbortError(e)) return { text: 'cancelled — nothing was saved', code: 130 };
  // An OS refusal on a path the user named (permission, full disk …) is theirs to fix, not internal.
  const osError = anyOsUserError(e);
  if (osError) return { text: oneLine(osError.message), code: 1 };
  const detail = e instanceof Error ? e.message : String(e);
  return { text: `internal error: ${oneLine(detail)} (set MODEL_LAB_DEBUG=1 for details)`, code: EXIT_INTERNAL };
}

if (require.main === module) {
  compileForShortProcess();
  const command = process.argv[2];
  const io = processIO(command !== undefined && Object.hasOwn(COMMANDS, command) ? `model-lab ${command}` : 'model-lab');
  // A fit of many rows in this thread holds the event loop, where the graceful Ctrl-C waits: during it
  // Ctrl-C ends the process at once (models saved before it stay; the one being fitted has no file yet).
  onLongWork(() => {
    io.cancelMode?.('immediate');
    return () => io.cancelMode?.('graceful');
  });
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
