/** A cell of an exported table: numbers stay numbers, everything else is text. */
export type Cell = string | number | null;

export interface Table {
  /** The sheet name in XLSX, a title line in CSV. */
  name: string;
  columns: string[];
  rows: Cell[][];
}

// What a spreadsheet may read as the start of a formula (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are safe. */
export function neutralised(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** One CSV field (RFC 4180 quoting), neutralised. */
export function csvField(cell: Cell): string {
  const value = neutralised(cell);
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvField).join(',')}\r\n`;
