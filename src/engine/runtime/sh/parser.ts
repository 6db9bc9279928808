/**
 * Tokenizer and recursive-descent parser for POSIX sh (the subset teaching manifests use): lists, && ||, pipes,
 * redirections and here-documents, if/while/until/for/case, { } and ( ) groups, functions, quoting and
 * $-expansions. Errors carry enough structure for each shell dialect to word them as that shell does.
 */
import type { AndOr, Assignment, Command, ParamOp, Pipeline, Redir, RedirOp, Script, Word, WordPart } from './ast';

export type TokenKind = 'word' | 'op' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Operator text, or the word's source text. */
  text: string;
  word?: Word;
  /** For redirection operators: the file descriptor written before it (`2>`). */
  ioNumber?: number;
  line: number;
}

export type SyntaxProblem =
  | { kind: 'unexpected'; token: Token; expecting?: string }
  | { kind: 'unterminated-quote'; line: number }
  | { kind: 'missing-paren'; line: number };

export class ShellSyntaxError extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.kind);
  }
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', '{', '}', '!']);
const OPERATORS = ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '&>', '>|', ';', '&', '|', '(', ')', '<', '>'];
const REDIR_OPS = new Set(['<<-', '<<', '>>', '>&', '<&', '&>', '>|', '<', '>']);
const PARAM_OPS: ParamOp[] = [':-', ':=', ':+', ':?', '##', '%%', '-', '=', '+', '?', '#', '%'];

type Compound = Exclude<Command, { t: 'simple' } | { t: 'func' }>;

const isMeta = (c: string) => c === ' ' || c === '\t' || c === '\n' || ';&|()<>'.includes(c);
const isNameStart = (c: string) => /[A-Za-z_]/.test(c);
const isNameChar = (c: string) => /[A-Za-z0-9_]/.test(c);

export function isKeyword(tok: Token, kw?: string): boolean {
  if (tok.kind !== 'word' || !tok.word) return false;
  const w = tok.word;
  const plain = w.parts.length === 1 && w.parts[0].t === 'lit' && !w.parts[0].quoted;
  if (!plain || !KEYWORDS.has(tok.text)) return false;
  return kw === undefined || tok.text === kw;
}

class Lexer {
  pos = 0;
  line = 1;
  private pendingHeredocs: Redir[] = [];

  constructor(private readonly src: string) {}

  private peekChar(o = 0): string {
    return this.src[this.pos + o] ?? '';
  }

  next(): Token {
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= this.src.length) return { kind: 'eof', text: '', line };
    const c = this.peekChar();
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocBodies();
      return { kind: 'newline', text: '\n', line };
    }
    // An IO number is a run of digits directly followed by < or >.
    const io = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (io) {
      this.pos += io[1].length;
      const op = this.readOperator();
      return { kind: 'op', text: op, ioNumber: Number(io[1]), line };
    }
    if (isMeta(c)) return { kind: 'op', text: this.readOperator(), line };
    const start = this.pos;
    const parts = this.readWordParts(false);
    const raw = this.src.slice(start, this.pos);
    return { kind: 'word', text: raw, word: { parts, raw }, line };
  }

  /** Registers a here-document whose body starts on the next line. */
  queueHeredoc(r: Redir): void {
    this.pendingHeredocs.push(r);
  }

  private readOperator(): string {
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return this.src[this.pos++];
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.peekChar();
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.peekChar(1) === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < this.src.length && this.peekChar() !== '\n') this.pos++;
      } else return;
    }
  }

  private readHeredocBodies(): void {
    for (const r of this.pendingHeredocs) {
      const delimQuoted = r.target.parts.some((p) => p.quoted);
      const delim = r.target.parts.map((p) => (p.t === 'lit' ? p.v : '')).join('');
      const lines: string[] = [];
      while (this.pos < this.src.length) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let text = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        this.line++;
        if (r.op === '<<-') text = text.replace(/^\t+/, '');
        if (text === delim) break;
        lines.push(text);
      }
      const body = lines.length ? `${lines.join('\n')}\n` : '';
      r.heredoc = delimQuoted
        ? { parts: [{ t: 'lit', v: body, quoted: true }], raw: body }
        : { parts: new Lexer(body).readHeredocText(), raw: body };
    }
    this.pendingHeredocs = [];
  }

  /** Here-document text: $ and ` expand, backslash escapes only \ $ ` newline, nothing splits. */
  private readHeredocText(): WordPart[] {
    const parts: WordPart[] = [];
    while (this.pos < this.src.length) {
      const c = this.peekChar();
      if (c === '\\' && '$`\\\n'.includes(this.peekChar(1))) {
        if (this.peekChar(1) !== '\n') pushLit(parts, this.peekChar(1), true);
        this.pos += 2;
      } else if (c === '$') {
        this.pos++;
        parts.push(this.readDollar(true));
      } else if (c === '`') parts.push(this.readBacktick(true));
      else {
        pushLit(parts, c, true);
        this.pos++;
      }
    }
    return parts;
  }

  /** Reads one word. With `inBraces`, stops at an unquoted `}` (for ${x:-word}) and metacharacters are text. */
  readWordParts(inBraces: boolean): WordPart[] {
    const parts: WordPart[] = [];
    while (this.pos < this.src.length) {
      const c = this.peekChar();
      if (inBraces ? c === '}' : isMeta(c)) break;
      if (c === '\\') {
        const n = this.peekChar(1);
        this.pos += 2;
        if (n === '\n') this.line++;
        else pushLit(parts, n, true);
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError({ kind: 'unterminated-quote', line: this.line });
        const text = this.src.slice(this.pos + 1, end);
        this.line += countNewlines(text);
        parts.push({ t: 'lit', v: text, quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        this.readDouble(parts);
      } else if (c === '$') {
        this.pos++;
        parts.push(this.readDollar(false));
      } else if (c === '`') {
        parts.push(this.readBacktick(false));
      } else {
        if (c === '\n') this.line++;
        pushLit(parts, c, false);
        this.pos++;
      }
    }
    return parts;
  }

  private readDouble(parts: WordPart[]): void {
    // An empty "" still makes a (quoted, empty) field.
    parts.push({ t: 'lit', v: '', quoted: true });
    for (;;) {
      if (this.pos >= this.src.length) throw new ShellSyntaxError({ kind: 'unterminated-quote', line: this.line });
      const c = this.peekChar();
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.peekChar(1))) {
        if (this.peekChar(1) !== '\n') pushLit(parts, this.peekChar(1), true);
        else this.line++;
        this.pos += 2;
      } else if (c === '$') {
        this.pos++;
        parts.push(this.readDollar(true));
      } else if (c === '`') parts.push(this.readBacktick(true));
      else {
        if (c === '\n') this.line++;
        pushLit(parts, c, true);
        this.pos++;
      }
    }
  }

  private readBacktick(quoted: boolean): WordPart {
    let i = this.pos + 1;
    let body = '';
    while (i < this.src.length && this.src[i] !== '`') {
      if (this.src[i] === '\\' && '$`\\'.includes(this.src[i + 1] ?? '')) {
        body += this.src[i + 1];
        i += 2;
      } else body += this.src[i++];
    }
    if (i >= this.src.length) throw new ShellSyntaxError({ kind: 'unterminated-quote', line: this.line });
    this.pos = i + 1;
    return { t: 'cmdsub', body: parseScript(body), quoted };
  }

  private readDollar(quoted: boolean): WordPart {
    const c = this.peekChar();
    if (c === '{') return this.readBraceParam(quoted);
    if (c === '(') {
      if (this.peekChar(1) === '(') {
        const end = this.findClose(this.pos + 2, '(', ')', 2);
        const expr = this.src.slice(this.pos + 2, end);
        this.pos = end + 2;
        return { t: 'arith', expr: { parts: new Lexer(expr).readHeredocText(), raw: expr }, quoted };
      }
      const end = this.findClose(this.pos + 1, '(', ')', 1);
      const body = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { t: 'cmdsub', body: parseScript(body), quoted };
    }
    if (isNameStart(c)) {
      let name = '';
      while (isNameChar(this.peekChar())) name += this.src[this.pos++];
      return { t: 'param', name, quoted };
    }
    if (c !== '' && '?$#@*!-0123456789'.includes(c)) {
      this.pos++;
      return { t: 'param', name: c, quoted };
    }
    return { t: 'lit', v: '$', quoted };
  }

  private readBraceParam(quoted: boolean): WordPart {
    this.pos++; // {
    let length = false;
    if (this.peekChar() === '#' && this.peekChar(1) !== '}') {
      length = true;
      this.pos++;
    }
    let name = '';
    if (isNameStart(this.peekChar())) while (isNameChar(this.peekChar())) name += this.src[this.pos++];
    else if (/[0-9]/.test(this.peekChar())) while (/[0-9]/.test(this.peekChar())) name += this.src[this.pos++];
    else name = this.src[this.pos++] ?? '';
    let op: ParamOp | undefined;
    let arg: Word | undefined;
    if (!length) op = PARAM_OPS.find((o) => this.src.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      const start = this.pos;
      const parts = this.readWordParts(true);
      arg = { parts, raw: this.src.slice(start, this.pos) };
    }
    if (this.peekChar() !== '}') throw new ShellSyntaxError({ kind: 'missing-paren', line: this.line });
    this.pos++;
    return { t: 'param', name, quoted, op, arg, length };
  }

  /** Index of the bracket closing the one before `from`, skipping quoted text and nested pairs. */
  private findClose(from: number, open: string, close: string, width: number): number {
    let depth = 1;
    let i = from;
    while (i < this.src.length) {
      const c = this.src[i];
      if (c === '\\') i += 2;
      else if (c === "'") {
        const e = this.src.indexOf("'", i + 1);
        if (e < 0) break;
        i = e + 1;
      } else if (c === '"') {
        i++;
        while (i < this.src.length && this.src[i] !== '"') i += this.src[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === open) {
        depth++;
        i++;
      } else if (c === close) {
        depth--;
        if (depth === 0 && (width === 1 || this.src[i + 1] === close)) return i;
        if (depth === 0) depth = 1;
        i++;
      } else i++;
    }
    throw new ShellSyntaxError({ kind: 'missing-paren', line: this.line });
  }
}

function pushLit(parts: WordPart[], v: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.t === 'lit' && last.quoted === quoted) last.v += v;
  else parts.push({ t: 'lit', v, quoted });
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}

class Parser {
  private tok: Token;
  private readonly lexer: Lexer;

  constructor(src: string) {
    this.lexer = new Lexer(src);
    this.tok = this.lexer.next();
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private fail(expecting?: string): never {
    throw new ShellSyntaxError({ kind: 'unexpected', token: this.tok, expecting });
  }

  private isOp(op: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === op && this.tok.ioNumber === undefined;
  }

  private skipNewlines(): void {
    while (this.tok.kind === 'newline') this.advance();
  }

  private expectKeyword(kw: string): void {
    if (!isKeyword(this.tok, kw)) this.fail(`"${kw}"`);
    this.advance();
  }

  program(): Script {
    const script = this.list(() => this.tok.kind === 'eof');
    if (this.tok.kind !== 'eof') this.fail();
    return script;
  }

  /** A compound list up to a token `stop` recognises; `stop` is checked at command boundaries. */
  private list(stop: () => boolean): Script {
    const items: AndOr[] = [];
    this.skipNewlines();
    while (!stop() && this.tok.kind !== 'eof') {
      if (this.tok.kind === 'op' && !this.startsCommand()) this.fail();
      if (this.tok.kind === 'word' && isKeyword(this.tok) && this.isClosingKeyword()) break;
      const item = this.andOr();
      items.push(item);
      if (this.isOp(';') || this.isOp('&')) {
        item.background = this.advance().text === '&';
      } else if (this.tok.kind !== 'newline') break;
      this.skipNewlines();
    }
    return { items };
  }

  private isClosingKeyword(): boolean {
    return ['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', 'in'].includes(this.tok.text);
  }

  private startsCommand(): boolean {
    return this.isOp('(') || (this.tok.kind === 'op' && REDIR_OPS.has(this.tok.text));
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = this.advance().text as '&&' | '||';
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (isKeyword(this.tok, '!')) {
      negate = true;
      this.advance();
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.advance();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const t = this.tok;
    if (t.kind === 'word' && isKeyword(t)) {
      switch (t.text) {
        case 'if':
          return this.withRedirs(this.ifClause());
        case 'while':
        case 'until':
          return this.withRedirs(this.loop());
        case 'for':
          return this.withRedirs(this.forClause());
        case 'case':
          return this.withRedirs(this.caseClause());
        case '{': {
          this.advance();
          const body = this.list(() => isKeyword(this.tok, '}'));
          this.expectKeyword('}');
          if (body.items.length === 0) this.fail();
          return this.withRedirs({ t: 'group', body, subshell: false, redirs: [] });
        }
        default:
          this.fail();
      }
    }
    if (this.isOp('(')) {
      this.advance();
      const body = this.list(() => this.isOp(')'));
      if (!this.isOp(')')) this.fail('")"');
      this.advance();
      return this.withRedirs({ t: 'group', body, subshell: true, redirs: [] });
    }
    return this.simple();
  }

  private withRedirs<C extends Compound>(c: C): C {
    while (this.tok.kind === 'op' && REDIR_OPS.has(this.tok.text)) c.redirs.push(this.redir());
    return c;
  }

  private redir(): Redir {
    const opTok = this.advance();
    const op = opTok.text as RedirOp;
    if (this.tok.kind !== 'word') this.fail();
    const target = this.tok.word as Word;
    const fd = opTok.ioNumber ?? (op.startsWith('<') ? 0 : 1);
    const r: Redir = { fd, op, target };
    // Queue before lexing past the delimiter, so the body is read at the end of this line.
    if (op === '<<' || op === '<<-') this.lexer.queueHeredoc(r);
    this.advance();
    return r;
  }

  private simple(): Command {
    const line = this.tok.line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      if (this.tok.kind === 'op' && REDIR_OPS.has(this.tok.text)) {
        redirs.push(this.redir());
      } else if (this.tok.kind === 'word') {
        if (words.length === 0 && isKeyword(this.tok) && !isKeyword(this.tok, '!')) break;
        const w = this.tok.word as Word;
        const asg = words.length === 0 ? splitAssignment(w) : undefined;
        if (asg) assigns.push(asg);
        else words.push(w);
        this.advance();
        // name() compound: a function definition.
        if (words.length === 1 && assigns.length === 0 && this.isOp('(')) return this.funcDef(w);
      } else break;
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) this.fail();
    return { t: 'simple', assigns, words, redirs, line };
  }

  private funcDef(name: Word): Command {
    this.advance();
    if (!this.isOp(')')) this.fail('")"');
    this.advance();
    this.skipNewlines();
    return { t: 'func', name: name.raw, body: this.command() };
  }

  private ifClause(): Compound {
    this.advance();
    const clauses: { cond: Script; body: Script }[] = [];
    let orElse: Script | undefined;
    for (;;) {
      const cond = this.list(() => isKeyword(this.tok, 'then'));
      this.expectKeyword('then');
      const body = this.list(() => ['elif', 'else', 'fi'].some((k) => isKeyword(this.tok, k)));
      clauses.push({ cond, body });
      if (isKeyword(this.tok, 'elif')) {
        this.advance();
        continue;
      }
      if (isKeyword(this.tok, 'else')) {
        this.advance();
        orElse = this.list(() => isKeyword(this.tok, 'fi'));
      }
      this.expectKeyword('fi');
      return { t: 'if', clauses, orElse, redirs: [] };
    }
  }

  private loop(): Compound {
    const until = this.advance().text === 'until';
    const cond = this.list(() => isKeyword(this.tok, 'do'));
    this.expectKeyword('do');
    const body = this.list(() => isKeyword(this.tok, 'done'));
    this.expectKeyword('done');
    return { t: 'loop', until, cond, body, redirs: [] };
  }

  private forClause(): Compound {
    this.advance();
    if (this.tok.kind !== 'word') this.fail();
    const name = this.advance().text;
    let items: Word[] | undefined;
    this.skipNewlines();
    if (isKeyword(this.tok, 'in')) {
      this.advance();
      items = [];
      while (this.tok.kind === 'word') items.push(this.advance().word as Word);
      if (!(this.isOp(';') || this.tok.kind === 'newline')) this.fail('"do"');
      this.advance();
    } else if (this.isOp(';')) this.advance();
    this.skipNewlines();
    this.expectKeyword('do');
    const body = this.list(() => isKeyword(this.tok, 'done'));
    this.expectKeyword('done');
    return { t: 'for', name, items, body, redirs: [] };
  }

  private caseClause(): Compound {
    this.advance();
    if (this.tok.kind !== 'word') this.fail();
    const word = this.advance().word as Word;
    this.skipNewlines();
    this.expectKeyword('in');
    this.skipNewlines();
    const arms: { patterns: Word[]; body: Script }[] = [];
    while (!isKeyword(this.tok, 'esac')) {
      if (this.isOp('(')) this.advance();
      const patterns: Word[] = [];
      for (;;) {
        if (this.tok.kind !== 'word') this.fail();
        patterns.push(this.advance().word as Word);
        if (this.isOp('|')) this.advance();
        else break;
      }
      if (!this.isOp(')')) this.fail('")"');
      this.advance();
      const body = this.list(() => this.isOp(';;') || isKeyword(this.tok, 'esac'));
      arms.push({ patterns, body });
      if (this.isOp(';;')) this.advance();
      this.skipNewlines();
      if ((this.tok as Token).kind === 'eof') this.fail('"esac"');
    }
    this.advance();
    return { t: 'case', word, arms, redirs: [] };
  }
}

/** `NAME=value` at the start of a simple command (only when the `NAME=` part is unquoted). */
function splitAssignment(w: Word): Assignment | undefined {
  const first = w.parts[0];
  if (!first || first.t !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return undefined;
  const restFirst = first.v.slice(m[0].length);
  const parts: WordPart[] = [...(restFirst ? [{ ...first, v: restFirst }] : []), ...w.parts.slice(1)];
  return { name: m[1], value: { parts, raw: w.raw.slice(m[0].length) } };
}

export function parseScript(src: string): Script {
  return new Parser(src).program();
}
