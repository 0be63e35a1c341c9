// CSV text handled in pieces, on top of forEachCsvRecord (csvRecords.ts) without changing it: a
// stream of bytes cut at record boundaries, so a file of any size is read in bounded memory, and
// chosen records written back as CSV. Messages keep naming the line of the original file.
import { UserError } from '../types';
import { forEachCsvRecord, type CsvReadControl } from './csvRecords';

const LF = 0x0a;
const QUOTE = 0x22;

/** One record as a CSV line (RFC 4180): a field is quoted when it holds a comma, quote, CR or LF. */
export function csvRecordText(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/**
 * A UserError about `fileLabel line N` (as forEachCsvRecord and parseCsvDataset word them) with
 * N replaced by lineOf(N); any other error unchanged.
 */
export function renumberLines(e: unknown, fileLabel: string, lineOf: (line: number) => number): unknown {
  if (!(e instanceof UserError) || !e.message.startsWith(`${fileLabel} line `)) return e;
  const rest = e.message.slice(fileLabel.length + ' line '.length);
  const m = /^(\d+)/.exec(rest);
  if (!m) return e;
  return new UserError(`${fileLabel} line ${lineOf(Number(m[1]))}${rest.slice(m[1].length)}`);
}

/** A run of whole records of a larger text, and the line of the file it starts on. */
export interface CsvPiece {
  readonly bytes: Uint8Array;
  /** 1-based line of the file where the piece begins. */
  readonly firstLine: number;
}

/** Pieces of at least this many bytes (the last one may be shorter): ~1 MB, like csvRecords' chunks. */
export const PIECE_BYTES = 1 << 20;

/**
 * The most bytes held without a line feed outside quotes. A table's record is a few hundred bytes;
 * a stream without line breaks (binary data piped in, a quote never closed) would otherwise be
 * held until the memory runs out. A whole CR-only file (old Mac line ends) must fit below it.
 */
export const MAX_RECORD_BYTES = 64 << 20;

/** Why a stream ran past MAX_RECORD_BYTES without a record boundary, naming the line it starts on. */
function recordTooLong(held: Uint8Array, firstLine: number, fileLabel: string, quoted: boolean): UserError {
  const start = held.subarray(0, 1 << 16);
  const control = start.findIndex((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  const why = control >= 0
    ? `control character 0x${start[control]!.toString(16).toUpperCase().padStart(2, '0')} and no line break in ${MAX_RECORD_BYTES >> 20} MB — this is not a text CSV file (a spreadsheet or other binary file?); save or export the table as CSV`
    : quoted
      ? `a quoted field (") that is never closed runs for more than ${MAX_RECORD_BYTES >> 20} MB — close the quote, or remove it`
      : `a line longer than ${MAX_RECORD_BYTES >> 20} MB — is this a CSV file with one row per line?`;
  return new UserError(`${fileLabel} line ${firstLine}: ${why}`, { line: firstLine });
}

/**
 * Cuts a byte stream into pieces that end just after a line feed outside quotes, so each piece is
 * whole records (and whole UTF-8 characters: 0x0A never occurs inside one). A file without line
 * feeds (old Mac CR-only line ends) comes out as one piece, up to MAX_RECORD_BYTES.
 */
export async function* csvPieces(chunks: AsyncIterable<Uint8Array>, pieceBytes = PIECE_BYTES, fileLabel = 'the data'): AsyncGenerator<CsvPiece> {
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let quoted = false; // quote state at the end of what is held
  let lastCut = -1; // in the held bytes: index just after the last LF outside quotes
  let linesBeforeCut = 0; // LFs up to lastCut
  let linesHeld = 0;
  let firstLine = 1;
  for await (const chunk of chunks) {
    if (!quoted && chunk.indexOf(QUOTE) < 0) {
      // No quotes (most numeric tables): every LF is a record boundary; let indexOf do the scanning.
      for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) {
        linesHeld++;
        lastCut = heldBytes + i + 1;
        linesBeforeCut = linesHeld;
      }
    } else {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === QUOTE) quoted = !quoted;
        else if (b === LF) {
          linesHeld++;
          if (!quoted) {
            lastCut = heldBytes + i + 1;
            linesBeforeCut = linesHeld;
          }
        }
      }
    }
    held.push(chunk);
    heldBytes += chunk.length;
    if (lastCut < 0 && heldBytes > MAX_RECORD_BYTES) throw recordTooLong(concat(held, heldBytes), firstLine, fileLabel, quoted);
    if (heldBytes >= pieceBytes && lastCut > 0) {
      const all = concat(held, heldBytes);
      yield { bytes: all.subarray(0, lastCut), firstLine };
      firstLine += linesBeforeCut;
      const rest = all.subarray(lastCut);
      held = rest.length > 0 ? [rest] : [];
      heldBytes = rest.length;
      linesHeld -= linesBeforeCut;
      lastCut = -1;
      linesBeforeCut = 0;
    }
  }
  if (heldBytes > 0) yield { bytes: concat(held, heldBytes), firstLine };
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * forEachCsvRecord over a byte stream, in bounded memory: the header is the first record of the
 * first piece; every later piece is read behind a copy of the header (so its rows are checked
 * against the header's width) and its lines are numbered as in the whole file.
 * onRecord gets (fields, line) of every record after the header; onHeader the header once;
 * control.onPieceEnd (when given) after the records of each piece.
 */
export async function forEachStreamedCsvRecord(
  chunks: AsyncIterable<Uint8Array>,
  fileLabel: string,
  onHeader: (fields: string[], line: number) => void,
  onRecord: (fields: string[], line: number) => void,
  control: Pick<CsvReadControl, 'signal'> & { readonly onPieceEnd?: () => void } = {},
  pieceBytes = PIECE_BYTES,
): Promise<void> {
  const encoder = new TextEncoder();
  let header: Uint8Array | undefined;
  for await (const piece of csvPieces(chunks, pieceBytes, fileLabel)) {
    const withHeader = header !== undefined;
    let text = piece.bytes;
    if (header !== undefined) {
      text = new Uint8Array(header.length + piece.bytes.length);
      text.set(header);
      text.set(piece.bytes, header.length);
    }
    // With a copied header, line 1 is that copy and line 2 the piece's first line.
    const lineOf = (line: number) => line - (withHeader ? 2 : 1) + piece.firstLine;
    let skipCopy = withHeader;
    let callerError: unknown;
    try {
      await forEachCsvRecord(text, fileLabel, (fields, line) => {
        if (skipCopy) {
          skipCopy = false;
          return;
        }
        try {
          if (header === undefined) {
            header = encoder.encode(csvRecordText(fields) + '\n');
            onHeader(fields, lineOf(line));
          } else {
            onRecord(fields, lineOf(line));
          }
        } catch (e) {
          callerError = e; // the caller's own message already names the file's line
          throw e;
        }
      }, control);
    } catch (e) {
      throw e === callerError ? e : renumberLines(e, fileLabel, lineOf);
    }
    control.onPieceEnd?.();
  }
}
