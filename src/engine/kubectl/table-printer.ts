/**
 * kubectl's human-readable printer for server-side Tables (k8s.io/cli-runtime/pkg/printers/tableprinter.go):
 * upper-cased headers, wide columns only with `-o wide`, NAMESPACE first with `-A`, `kind/name` when several
 * kinds print together, LABELS with `--show-labels`, one column per `-L` key, cells escaped and cut at the first
 * newline, all aligned by the tabwriter.
 */
import type { Table, TableColumnDefinition, TableRow } from '../apiserver/printers';

export interface TablePrintOptions {
  wide?: boolean;
  withNamespace?: boolean;
  /** Prefix names with `kind.group/` (several kinds requested, or --show-kind). */
  kindRef?: string;
  showLabels?: boolean;
  columnLabels?: string[];
  noHeaders?: boolean;
}

type Obj = Record<string, any>;

const metaOf = (row: TableRow): Obj => ((row.object as Obj | undefined)?.metadata as Obj | undefined) ?? {};

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k]}`).join(',');
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '<none>';
  if (typeof cell === 'string') {
    const cut = cell.search(/[\n\r\f]/);
    const s = cut >= 0 ? cell.slice(0, cut) : cell;
    let out = '';
    for (const ch of s) {
      const code = ch.codePointAt(0) ?? 0;
      out += code < 0x20 || code === 0x7f ? JSON.stringify(ch).slice(1, -1) : ch;
    }
    return cut >= 0 ? out + '...' : out;
  }
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return JSON.stringify(cell);
}

export interface PrintedTable {
  header: string[];
  rows: string[][];
}

/** The visible columns and rows of a Table with kubectl's decorations applied. */
export function decorateTable(table: Table, opts: TablePrintOptions, columns: TableColumnDefinition[] = table.columnDefinitions): PrintedTable {
  const visible = columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const header = visible.map(({ c }) => c.name.toUpperCase());
  if (opts.withNamespace) header.unshift('NAMESPACE');
  const labelKeys = opts.columnLabels ?? [];
  for (const key of labelKeys) header.push(key.split('/').pop()!.toUpperCase());
  if (opts.showLabels) header.push('LABELS');
  const rows = table.rows.map((row) => {
    const meta = metaOf(row);
    const cells = visible.map(({ c, i }) => {
      const text = cellText(row.cells[i]);
      return opts.kindRef && c.format === 'name' ? `${opts.kindRef}/${text}` : text;
    });
    if (opts.withNamespace) cells.unshift(String(meta.namespace ?? ''));
    for (const key of labelKeys) cells.push(meta.labels?.[key] ?? '');
    if (opts.showLabels) cells.push(formatLabels(meta.labels));
    return cells;
  });
  return { header, rows };
}

/** The table's lines, tab-separated for the tabwriter. */
export function tableLines(printed: PrintedTable, opts: { noHeaders?: boolean }): string {
  let s = '';
  if (printed.rows.length === 0) return s;
  if (!opts.noHeaders) s += printed.header.join('\t') + '\n';
  for (const r of printed.rows) s += r.join('\t') + '\n';
  return s;
}
