// A number as a person writes one on a command line, in a wizard or in settings.json: decimal, with
// an optional sign and exponent ("0.1", "1e-3", ".5", "5."). JavaScript's Number() also reads "0x10",
// "0b1" and "" (as 0); Python's float() does not, and neither does Model Lab.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The finite number `text` writes (surrounding spaces allowed), else undefined. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  const v = Number(t);
  return DECIMAL.test(t) && Number.isFinite(v) ? v : undefined;
}
