// A path or value as a POSIX shell word, for the commands a message suggests (the CLI's hints, the
// decompress command for a compressed data file).
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
