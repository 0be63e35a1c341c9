// A value inside a one-line message: its JSON, cut at 60 characters with an ellipsis (a whole
// model.json field could be kilobytes; cut without a mark it read as broken JSON).

const MAX = 60;

export function shortJson(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}

/**
 * 'field "a.b": expected X, found Y' — or, for a field that is not there (JSON has no undefined),
 * 'field "a.b" is missing, expected X', never "found undefined".
 */
export function fieldMismatch(path: string, expected: string, found: unknown, shown = shortJson(found)): string {
  return found === undefined ? `field "${path}" is missing, expected ${expected}` : `field "${path}": expected ${expected}, found ${shown}`;
}
