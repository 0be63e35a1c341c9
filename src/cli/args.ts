// Option parsing shared by the subcommands: node's parseArgs, plus refusals that name the flag,
// what is wrong and a hint (closest known flag for typos).
import { parseArgs } from 'node:util';
import { shellQuote } from '../core/text/shellQuote';
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../core/types';
import { editDistance } from '../core/text/closestName';
import { credentialUrlScheme } from '../core/datasets/dataSpec';
import { checkModelName } from '../core/artifacts/naming';

/** A refusal of the command line itself (exit code 2). */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs takes "--coef0 -1" for two flags; a negative number after a value option is its value. */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && /^-(\d|\.\d)/.test(args[i + 1] ?? '')) {
      out.push(`${args[i]}=${args[++i]}`);
    } else {
      out.push(args[i]);
    }
  }
  return out;
}

/**
 * Where a command takes what users tend to give it as a bare argument (`model-lab compare models`,
 * `model-lab train iris.csv`): the flag and what it names, for the refusal's hint.
 */
const FLAG_FOR_BARE_ARGUMENT: Readonly<Record<string, { flag: string; what: string }>> = {
  compare: { flag: 'out', what: 'the models folder' },
  train: { flag: 'data', what: 'the data' },
  tune: { flag: 'data', what: 'the data' },
  generate: { flag: 'url', what: 'the database' },
};

/** Flags of other commands that users carry over (`generate --data postgres://…`, as train takes it): the hint names this command's. */
const FLAG_OF_OTHER_COMMANDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  generate: { data: 'model-lab generate takes the database in --url (train, tune and predict take it in --data)' },
  train: Object.fromEntries(['cv', 'plan', 'collect', 'yes'].map((f) => [f, `--${f} is model-lab tune's (cross-validated grid search: model-lab tune --cv 5 …); train fits one model per parameter set`])),
  predict: { out: 'predict prints the labels to standard output: redirect them to a file (model-lab predict … > labels.txt)' },
};

/** Flags that name a file or folder: an empty value is refused, not taken as the current folder. */
const PATH_FLAGS = ['out', 'data', 'plan', 'collect', 'data-dir', 'classifier', 'csv'];

/** A value as the refusal shows it: as typed in a shell; of a URL with a password, only its scheme ("postgres://…"). */
function shownValue(value: string | undefined): string {
  const scheme = value === undefined ? undefined : credentialUrlScheme(value);
  return scheme !== undefined ? `${scheme.toLowerCase()}://…` : shellQuote(value ?? '');
}

/**
 * parseArgs keeps the last of a value option given more than once (`--C 1 --C 2` trains C=2): one
 * of them is dropped without a word. Refused, naming the values. An on/off flag given twice means
 * the same either way and is taken. Lists are one flag with commas (`--C 0.1,1`, `--drop id,ts`).
 */
function refuseRepeatedOptions(command: string, tokens: readonly { kind: string; name?: string; value?: string }[], options: Options): void {
  const given = new Map<string, (string | undefined)[]>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined || options[t.name]?.type !== 'string') continue;
    given.set(t.name, [...(given.get(t.name) ?? []), t.value]);
  }
  for (const [name, values] of given) {
    if (values.length < 2) continue;
    const times = values.length === 2 ? 'twice' : `${values.length} times`;
    const shown = values.map(shownValue);
    const list = `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
    throw new UsageError(`model-lab ${command}: --${name} is given ${times} (${list}) — give it once`);
  }
}

/**
 * The hint after "unknown option": the flag of another command it is, else the closest of this
 * command's — not further than 2 edits, and closer than the name is long (`-x` is no typo of `--C`).
 */
function unknownOptionHint(command: string, bare: string, options: Options): string {
  const elsewhere = Object.hasOwn(FLAG_OF_OTHER_COMMANDS, command) ? FLAG_OF_OTHER_COMMANDS[command]![bare] : undefined;
  if (elsewhere !== undefined) return elsewhere;
  const best = Object.keys(options).map((k) => [k, editDistance(bare.toLowerCase(), k.toLowerCase())] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= 2 && best[1] < bare.length ? `did you mean --${best[0]}?` : `run "model-lab ${command} --help" for the options`;
}

/**
 * parseArgs reads `-seed` as the short options -s -e -e -d and refuses "-s". A single-dash word whose
 * first letter is no short option of the command (-h, and -C of train and tune) is refused as a whole,
 * with the long option it names: "unknown option -seed — did you mean --seed?".
 */
function refuseSingleDashWords(command: string, args: readonly string[], options: Options): void {
  const shortOf = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) if (o.short !== undefined) shortOf.set(o.short, name);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return;
    if (a.startsWith('--')) {
      if (!a.includes('=') && options[a.slice(2)]?.type === 'string') i++; // its value
      continue;
    }
    if (!/^-[^-]/.test(a)) continue;
    const name = shortOf.get(a[1]!);
    if (name !== undefined) {
      if (a.length === 2 && options[name]?.type === 'string') i++;
      continue;
    }
    const word = a.split('=')[0]!;
    throw new UsageError(`model-lab ${command}: unknown option ${word} — ${unknownOptionHint(command, word.slice(1), options)}`);
  }
}

export function parseCommand<T extends Options>(command: string, args: string[], options: T, maxPositionals: number) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true; tokens: true }>>;
  const joined = joinNegativeValues(args, options);
  refuseSingleDashWords(command, joined, options);
  try {
    parsed = parseArgs({ args: joined, allowPositionals: true, options, strict: true, tokens: true });
  } catch (e) {
    const err = e as { code?: string; message: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(err.message)?.[1] ?? '?';
      const bare = flag.replace(/^-+/, '').split('=')[0];
      throw new UsageError(`model-lab ${command}: unknown option ${flag} — ${unknownOptionHint(command, bare, options)}`);
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(invalidValue(command, args, err.message));
    throw new UsageError(`model-lab ${command}: ${err.message}`);
  }
  refuseRepeatedOptions(command, parsed.tokens, options);
  // `--out "$MODELS"` with the variable unset: an empty path would mean the current folder.
  for (const flag of PATH_FLAGS) {
    const value = (parsed.values as Record<string, unknown>)[flag];
    if (typeof value === 'string' && value.trim() === '') {
      throw new UsageError(`model-lab ${command}: --${flag} is empty — give a path (is a shell variable unset?), or leave --${flag} out to use its default`);
    }
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals];
    const scheme = credentialUrlScheme(extra);
    if (scheme !== undefined) {
      throw new UsageError(`model-lab ${command}: unexpected argument, a ${scheme.toLowerCase()}:// URL with a user name and password (not shown) — run "model-lab ${command} --help"`);
    }
    const takes = maxPositionals === 0 ? FLAG_FOR_BARE_ARGUMENT[command] : undefined;
    const hint = takes && takes.flag in options
      ? `give ${takes.what} with --${takes.flag}: model-lab ${command} --${takes.flag} ${shellQuote(extra)}`
      : `run "model-lab ${command} --help"`;
    throw new UsageError(`model-lab ${command}: unexpected argument "${extra}" — ${hint}`);
  }
  return parsed;
}

/** parseArgs' words for a flag without its value, or a value for an on/off flag, in ours. */
function invalidValue(command: string, args: readonly string[], message: string): string {
  const flag = /'(--[^' =]+)/.exec(message)?.[1];
  const help = `run "model-lab ${command} --help"`;
  if (flag === undefined) return `model-lab ${command}: ${message.split('\n')[0]!.replace(/\.$/, '')} — ${help}`;
  if (/does not take an argument/.test(message)) return `model-lab ${command}: ${flag} takes no value (it is on when given) — write ${flag} alone`;
  const next = args[args.indexOf(flag) + 1];
  if (next === undefined) return `model-lab ${command}: ${flag} needs a value after it — ${help} for what it takes`;
  return `model-lab ${command}: ${flag} needs a value, and ${next} follows it — ${help} for what it takes (a value that starts with a dash is written ${flag}=${next})`;
}

export function intOption(command: string, flag: string, text: string, min: number, max: number): number {
  const t = text.trim();
  const v = Number(t);
  if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(`model-lab ${command}: --${flag} "${text}" must be a whole number from ${min} to ${max}`);
  }
  return v;
}

export function numberOption(command: string, flag: string, text: string, check: (v: number) => boolean, what: string): number {
  const t = text.trim();
  const v = Number(t);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || !Number.isFinite(v) || !check(v)) {
    throw new UsageError(`model-lab ${command}: --${flag} "${text}" must be ${what}`);
  }
  return v;
}

export function choiceOption<T extends string>(command: string, flag: string, text: string, choices: readonly T[]): T {
  if (!choices.includes(text as T)) {
    throw new UsageError(`model-lab ${command}: --${flag} "${text}" must be one of ${choices.join(', ')}`);
  }
  return text as T;
}

/** Runs a parse of a flag's value; its UserError becomes a UsageError (exit code 2) prefixed with the command. */
export function asUsageError<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof UserError && !(e instanceof UsageError)) throw new UsageError(`model-lab ${command}: ${e.message}`);
    throw e;
  }
}

/** --name NAME: a model folder name, else a usage error (exit code 2) with the naming rule. */
export function nameOption(command: string, text: string | undefined): string | undefined {
  return text === undefined ? undefined : asUsageError(command, () => checkModelName(text));
}
