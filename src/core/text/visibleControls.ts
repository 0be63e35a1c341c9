// Control characters from files and servers, made visible. A folder or class name holding
// ESC ] 52 ; … BEL, printed as is, set the terminal's title, wrote the clipboard or moved the cursor;
// a DEL or a C1 control (U+0080–U+009F, CSI is U+009B) does the same on terminals that read 8-bit
// controls. Written out as escapes, the way a line break in a message is already shown as \n: C0
// controls as \x1b (\r as \r), DEL and C1 as \u007f … \u009f — the forms JSON and JavaScript read
// too, so a JSON document passed through keeps its values. Line breaks and tabs are left to the caller.

/**
 * Bidi control characters, as the body of a character class: LRE, RLE, PDF, LRO, RLO; LRI, RLI,
 * FSI, PDI; LRM, RLM; ALM. One list for every place that finds them (the pages, the CLI, labels).
 */
export const BIDI_CONTROL_CLASS = '\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C';

// A carriage return ending a line (CSV's \r\n, as compare --csv - prints it) is a line end, not data.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The four hex digits of a character's code. */
export function hex4(c: string): string {
  return c.charCodeAt(0).toString(16).padStart(4, '0');
}

/**
 * `text` with every C0 control but line feed, tab and a carriage return before a line feed, DEL and
 * every C1 control written out as an escape: \x1b, \r, \u007f, \u009b. With `json` the C0 controls
 * too are \u001b (JSON has no \x).
 */
export function showControls(text: string, json = false): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20 && !json) return c === '\r' ? '\\r' : `\\x${code.toString(16).padStart(2, '0')}`;
    return `\\u${hex4(c)}`;
  });
}
