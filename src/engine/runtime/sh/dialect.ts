/**
 * How each shell words its errors. Images ship one of three: busybox ash (busybox, alpine and *-alpine images),
 * dash as /bin/sh (Debian and Ubuntu images) and bash. The same mistake reads differently in each, and people
 * learn to recognise the exact text, so we keep all three.
 */
import { isKeyword, type SyntaxProblem, type Token } from './parser';

export type ShellDialect = 'ash' | 'dash' | 'bash';

/** Utility flavour: busybox applets and GNU coreutils word their errors differently. */
export type Flavor = 'busybox' | 'coreutils';

export interface DialectInfo {
  dialect: ShellDialect;
  /** `$0` as invoked: `sh`, `/bin/sh`, `bash`. */
  name: string;
}

/** Prefix of a shell diagnostic: `sh: `, `sh: 1: ` (dash), `bash: line 1: `. */
export function diagPrefix(d: DialectInfo, line: number): string {
  if (d.dialect === 'dash') return `${d.name}: ${line}: `;
  if (d.dialect === 'bash') return `${d.name}: line ${line}: `;
  return `${d.name}: `;
}

export function notFoundMessage(d: DialectInfo, line: number, cmd: string): string {
  if (d.dialect === 'bash') return `${diagPrefix(d, line)}${cmd}: command not found`;
  return `${diagPrefix(d, line)}${cmd}: not found`;
}

/** A redirection that could not open its file: `sh: can't create /x/y: nonexistent directory`. */
export function redirectError(d: DialectInfo, line: number, path: string, forWrite: boolean, errno: string): string {
  if (d.dialect === 'bash') return `${diagPrefix(d, line)}${path}: ${errnoText(errno)}`;
  if (d.dialect === 'dash') {
    const text = errno === 'ENOENT' ? (forWrite ? 'Directory nonexistent' : 'No such file') : errnoText(errno);
    return `${diagPrefix(d, line)}${forWrite ? 'cannot create' : 'cannot open'} ${path}: ${text}`;
  }
  const text = errno === 'ENOENT' ? (forWrite ? 'nonexistent directory' : 'no such file') : errnoText(errno);
  return `${diagPrefix(d, line)}${forWrite ? "can't create" : "can't open"} ${path}: ${text}`;
}

function errnoText(errno: string): string {
  const map: Record<string, string> = {
    ENOENT: 'No such file or directory',
    EISDIR: 'Is a directory',
    EROFS: 'Read-only file system',
    ENOTDIR: 'Not a directory',
  };
  return map[errno] ?? errno;
}

/** How ash and dash name a token in "unexpected …": keywords and operators quoted, the rest by class. */
function tokenName(tok: Token): string {
  if (tok.kind === 'eof') return 'end of file';
  if (tok.kind === 'newline') return 'newline';
  if (tok.kind === 'op') return ['<', '>', '>>', '<<', '<<-', '>&', '<&', '&>', '>|'].includes(tok.text) ? 'redirection' : `"${tok.text}"`;
  return isKeyword(tok) ? `"${tok.text}"` : 'word';
}

/** The lines a shell prints for a syntax error in `-c` text (exit status 2). */
export function syntaxErrorMessage(d: DialectInfo, p: SyntaxProblem, source: string): string[] {
  const line = p.kind === 'unexpected' ? p.token.line : p.line;
  if (d.dialect === 'bash') {
    const prefix = `${d.name}: -c: line ${line}: `;
    if (p.kind === 'unterminated-quote') return [`${prefix}unexpected EOF while looking for matching \`${quoteChar(source)}'`];
    if (p.kind === 'missing-paren') return [`${prefix}unexpected EOF while looking for matching \`)'`];
    if (p.token.kind === 'eof') return [`${prefix}syntax error: unexpected end of file`];
    const text = p.token.kind === 'newline' ? 'newline' : p.token.text;
    const srcLine = source.split('\n')[line - 1] ?? '';
    return [`${prefix}syntax error near unexpected token \`${text}'`, `${prefix}\`${srcLine}'`];
  }
  if (d.dialect === 'dash') {
    const prefix = `${d.name}: ${line}: `;
    if (p.kind === 'unterminated-quote') return [`${prefix}Syntax error: Unterminated quoted string`];
    if (p.kind === 'missing-paren') return [`${prefix}Syntax error: Missing '))'`];
    const exp = p.expecting ? ` (expecting ${p.expecting})` : '';
    return [`${prefix}Syntax error: ${tokenName(p.token)} unexpected${exp}`];
  }
  if (p.kind === 'unterminated-quote') return [`${d.name}: syntax error: unterminated quoted string`];
  if (p.kind === 'missing-paren') return [`${d.name}: syntax error: missing '))'`];
  const exp = p.expecting ? ` (expecting ${p.expecting})` : '';
  return [`${d.name}: syntax error: unexpected ${tokenName(p.token)}${exp}`];
}

/** The quote character left open, for bash's message. */
function quoteChar(source: string): string {
  let open = '';
  for (const c of source) {
    if (open) {
      if (c === open) open = '';
    } else if (c === '"' || c === "'" || c === '`') open = c;
  }
  return open || '"';
}
