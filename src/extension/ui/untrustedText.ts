// Text from a file, a server or a setting, made safe for VS Code's UI. Notifications render
// `[label](command:…)` as a link that runs a command, and labels, quick picks and the status bar
// render `$(icon)`: a crafted CSV header or server message must show as the text it is. Bidi control
// characters are written out (src/protocol/bidiControls.ts), so that a name cannot reorder its row.
import { showBidiControls } from '../../protocol/bidiControls';

const ZERO_WIDTH_SPACE = '\u200b';
/** Longest text shown in one place; the full text is in the Output channel. */
const MAX_LENGTH = 2000;

/**
 * The text as plain text for any VS Code surface that parses links or icons: `](` and `$(`
 * are broken with a zero-width space, so no Markdown link and no codicon can form, and the
 * text reads the same. Line breaks become spaces (a notification is one paragraph). A bidi control
 * character shows as ⟨U+202E⟩ and reorders nothing.
 */
export function plainText(text: string): string {
  const flat = showBidiControls(text).replace(/\s*[\r\n]+\s*/g, ' ');
  const cut = flat.length > MAX_LENGTH ? `${flat.slice(0, MAX_LENGTH)}…` : flat;
  return cut.replace(/\]\s*\(/g, `]${ZERO_WIDTH_SPACE}(`).replace(/\$\(/g, `$${ZERO_WIDTH_SPACE}(`).replace(/<(?=[a-zA-Z/!])/g, `<${ZERO_WIDTH_SPACE}`);
}
