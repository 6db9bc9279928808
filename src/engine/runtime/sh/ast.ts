/** The syntax tree of the POSIX sh subset the interpreter runs. */

export type WordPart =
  /** Literal text; `quoted` parts are exempt from field splitting and globbing. */
  | { t: 'lit'; v: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `${NAME:-word}`, `${#NAME}`, `$?`, `$1` … */
  | { t: 'param'; name: string; quoted: boolean; op?: ParamOp; arg?: Word; length?: boolean }
  /** `$(…)` or backticks. */
  | { t: 'cmdsub'; body: Script; quoted: boolean }
  /** `$((…))`. */
  | { t: 'arith'; expr: Word; quoted: boolean };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%';

export interface Word {
  parts: WordPart[];
  /** Source text, for messages and keyword detection. */
  raw: string;
}

export type RedirOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '>|' | '<<' | '<<-';

export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
  /** Body of a here-document (`<<`), filled in when the parser reaches the end of the line. */
  heredoc?: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export type Command =
  | { t: 'simple'; assigns: Assignment[]; words: Word[]; redirs: Redir[]; line: number }
  | { t: 'if'; clauses: { cond: Script; body: Script }[]; orElse?: Script; redirs: Redir[] }
  | { t: 'loop'; until: boolean; cond: Script; body: Script; redirs: Redir[] }
  | { t: 'for'; name: string; items?: Word[]; body: Script; redirs: Redir[] }
  | { t: 'case'; word: Word; arms: { patterns: Word[]; body: Script }[]; redirs: Redir[] }
  | { t: 'group'; body: Script; subshell: boolean; redirs: Redir[] }
  | { t: 'func'; name: string; body: Command };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
}

export interface Script {
  items: AndOr[];
}
