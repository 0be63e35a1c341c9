// Bidirectional control characters in a name from disk, made visible. A folder named
// "spoof<U+202E>txt.exe" drew as "spoofexe.txt", and the override ran on into the text after it (the
// tree's "100.00 %" read "% 00.001"). Shown as ⟨U+202E⟩, as VS Code's editor highlights them, no such
// character can reorder what is around it. One function for the extension's UI (plainText) and the
// pages (which import only src/protocol); the names on disk stay as they are.
import { BIDI_CONTROL_CLASS } from '../core/text/visibleControls';

const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');

/** The text with every bidi control character written out as ⟨U+XXXX⟩. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
