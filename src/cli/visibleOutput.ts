// Everything the CLI writes goes through here (runCli wraps the CliIO once): text from a repository —
// a model's folder name, its class names, a path in its model.json, a pickle's module name, a plan
// line — can hold terminal controls (ESC ] 52 writes the clipboard, ESC ] 0 the window's title) and
// bidi overrides (a name drawn backwards, and the text after it). Shown as escapes and ⟨U+202E⟩, as the
// extension shows them, whatever the command and however it builds its lines. With --json the
// document keeps its values: the same characters as \u escapes. Files a command writes (export,
// compare --csv FILE, the models) do not pass here and stay byte for byte what they are.
import { showBidiControls } from '../protocol/bidiControls';
import { BIDI_CONTROL_CLASS, hex4, showControls } from '../core/text/visibleControls';
import type { CliIO } from './io';

/** What is checked first: most output has none of these, and is passed on as it is. */
const UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_CONTROL_CLASS}]`);

/** The bidi controls showBidiControls writes out, for a JSON document: as \u escapes. */
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');

/** Text for a terminal or a pipe: controls as \x1b / \u009b, bidi controls as ⟨U+202E⟩; line feeds and tabs kept. */
export function visibleText(text: string): string {
  return UNSAFE.test(text) ? showBidiControls(showControls(text)) : text;
}

/** JSON text: the same characters as \u escapes, which JSON reads back as the same values. */
export function visibleJson(text: string): string {
  return UNSAFE.test(text) ? showControls(text, true).replace(BIDI_CONTROLS, (c) => `\\u${hex4(c)}`) : text;
}

/** The CliIO whose output, stderr and status line show controls visibly; stdout as JSON when `json` (--json). */
export function visibleOutput(io: CliIO, json: boolean): CliIO {
  const out = json ? visibleJson : visibleText;
  const status = io.status;
  return {
    ...io,
    out: (t) => io.out(out(t)),
    err: (t) => io.err(visibleText(t)),
    ...(status ? { status: (t: string) => status.call(io, visibleText(t)) } : {}),
  };
}
