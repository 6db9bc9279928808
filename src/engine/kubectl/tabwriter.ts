/**
 * Go's text/tabwriter (with the RememberWidths extension kubectl's fork adds), configured as kubectl's printers
 * configure it: minwidth 6, tabwidth 4, padding 3, pad with spaces. Cells end at `\t`; the last cell of a line is
 * not aligned. Column widths are computed per block of consecutive lines that share the column, as Go does.
 */
export const TABWRITER_MIN_WIDTH = 6;
export const TABWRITER_PADDING = 3;

const runeWidth = (s: string) => [...s].length;

export class TabWriter {
  private buffer = '';
  private remembered: number[] = [];
  private out = '';

  constructor(
    private readonly minWidth = TABWRITER_MIN_WIDTH,
    private readonly padding = TABWRITER_PADDING,
    private readonly rememberWidths = true,
  ) {}

  write(text: string): void {
    this.buffer += text;
  }

  /** Formats everything written so far; returns the aligned text (also accumulated in `output`). */
  flush(): string {
    const text = this.buffer;
    this.buffer = '';
    if (!text) return '';
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    const parts: string[] = [];
    const widths: number[] = [];
    const writeLines = (line0: number, line1: number) => {
      for (let i = line0; i < line1; i++) {
        const cells = lines[i];
        let s = '';
        for (let j = 0; j < cells.length; j++) {
          s += cells[j];
          if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(cells[j])));
        }
        parts.push(s);
      }
    };
    const format = (line0: number, line1: number): void => {
      const column = widths.length;
      for (let current = line0; current < line1; current++) {
        if (column >= lines[current].length - 1) continue;
        writeLines(line0, current);
        line0 = current;
        let width = this.minWidth;
        for (; current < line1; current++) {
          const cells = lines[current];
          if (column >= cells.length - 1) break;
          width = Math.max(width, runeWidth(cells[column]) + this.padding);
        }
        if (this.rememberWidths) {
          if (column < this.remembered.length && width < this.remembered[column]) width = this.remembered[column];
          else this.remembered[column] = width;
        }
        widths.push(width);
        format(line0, current);
        widths.pop();
        line0 = current;
      }
      writeLines(line0, line1);
    };
    format(0, lines.length);
    const result = parts.join('\n') + (endsWithNewline ? '\n' : '');
    this.out += result;
    return result;
  }

  resetRememberedWidths(): void {
    this.remembered = [];
  }

  get output(): string {
    return this.out;
  }
}

/** Aligns a whole text at once (no remembered widths). */
export function tabulate(text: string): string {
  const w = new TabWriter(TABWRITER_MIN_WIDTH, TABWRITER_PADDING, false);
  w.write(text);
  return w.flush();
}
