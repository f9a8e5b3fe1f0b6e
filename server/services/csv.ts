/**
 * A small RFC 4180 CSV reader: quoted fields (with commas, line breaks and `""` escapes), CRLF, LF or
 * CR line ends, a leading byte-order mark, and blank lines skipped. Each record keeps the line it
 * starts on, so problems can be reported as the row a spreadsheet would show.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is usually line 1). */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** Records that could not be read at all (an unterminated quote). */
  problems: CsvProblem[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/** Reads every record of `text`; `maxRecords` stops early (previews). */
export function parseCsv(input: string, maxRecords = Number.POSITIVE_INFINITY): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const length = text.length;
  let position = 0;
  let line = 1;
  while (position < length && records.length < maxRecords) {
    const startLine = line;
    const cells: string[] = [];
    let cell = "";
    let quotedCell = false;
    let endOfRecord = false;
    let broken = false;
    while (!endOfRecord) {
      if (position >= length) break;
      const code = text.charCodeAt(position);
      if (code === QUOTE && cell.length === 0 && !quotedCell) {
        // A quoted field: read to the closing quote; "" inside is one quote.
        quotedCell = true;
        position += 1;
        let closed = false;
        let start = position;
        while (position < length) {
          const c = text.charCodeAt(position);
          if (c === QUOTE) {
            cell += text.slice(start, position);
            if (text.charCodeAt(position + 1) === QUOTE) {
              cell += '"';
              position += 2;
              start = position;
              continue;
            }
            position += 1;
            closed = true;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(position + 1) !== LF)) line += 1;
          position += 1;
        }
        if (!closed) {
          problems.push({ line: startLine, reason: "a quoted value is never closed" });
          broken = true;
          position = length;
          break;
        }
        continue;
      }
      if (code === COMMA) {
        cells.push(cell);
        cell = "";
        quotedCell = false;
        position += 1;
        continue;
      }
      if (code === CR || code === LF) {
        position += code === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
        line += 1;
        endOfRecord = true;
        break;
      }
      if (quotedCell) {
        // Text after a closing quote ("ab"c) is not RFC 4180; keep it rather than lose data.
        cell += text[position];
        position += 1;
        continue;
      }
      let end = position + 1;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === COMMA || c === CR || c === LF) break;
        end += 1;
      }
      cell += text.slice(position, end);
      position = end;
    }
    if (broken) break;
    cells.push(cell);
    // A line with nothing on it is skipped, not read as a record with one empty cell.
    if (cells.length === 1 && cells[0] === "" && !quotedCell) continue;
    records.push({ line: startLine, cells });
  }
  return { records, problems };
}
