/**
 * Splits a console line into argv the way a POSIX shell would for the cases people type: whitespace separates
 * words, single quotes are literal, double quotes allow `\"`, `\\`, `\$` and `\``, a backslash outside quotes
 * escapes the next character. No expansion, pipes or redirections (the console is not a shell).
 */
export type Tokenized = { ok: true; args: string[] } | { ok: false; error: string };

export function tokenize(line: string): Tokenized {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: 'unexpected EOF while looking for matching `\'\'' };
      current += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') current += line[i + 1];
          i += 2;
          continue;
        }
        current += d;
        i++;
      }
      if (!closed) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') current += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
      i++;
    } else {
      current += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) args.push(current);
  return { ok: true, args };
}
