/** echo's and printf's backslash escapes and printf's format directives. */

/** Interprets \n, \t, \\, \0NNN … Returns the text and whether \c asked to stop output. */
export function interpretEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'e':
        out += '\x1b';
        break;
      case '\\':
        out += '\\';
        break;
      case 'c':
        return { text: out, stop: true };
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1)) as RegExpExecArray;
        out += String.fromCharCode(parseInt(m[0] || '0', 8));
        i += m[0].length;
        break;
      }
      default:
        out += `\\${n}`;
    }
  }
  return { text: out, stop: false };
}

export interface PrintfResult {
  text: string;
  /** Arguments that were not numbers, for "invalid number" diagnostics. */
  badNumbers: string[];
}

/** printf(1): the format is reused while arguments remain, as POSIX requires. */
export function printf(format: string, args: string[]): PrintfResult {
  let text = '';
  const badNumbers: string[] = [];
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  const toNum = (s: string | undefined): number => {
    if (s === undefined || s === '') return 0;
    if (/^['"]/.test(s)) return s.charCodeAt(1) || 0;
    const v = /^[-+]?0x/i.test(s) ? parseInt(s, 16) : Number(s);
    if (Number.isNaN(v)) {
      badNumbers.push(s);
      return 0;
    }
    return v;
  };
  do {
    let consumed = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const { text: t } = interpretEscapes(format.slice(i, i + 2 + (format[i + 1] === '0' ? 3 : 0)));
        text += t;
        i += format[i + 1] === '0' ? 1 + (/^[0-7]{0,3}/.exec(format.slice(i + 2)) as RegExpExecArray)[0].length : 1;
        continue;
      }
      if (c !== '%') {
        text += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sdiouxXfeEgGcb%])/.exec(format.slice(i));
      if (!m) {
        text += c;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, widthRaw, precRaw, conv] = m;
      if (conv === '%') {
        text += '%';
        continue;
      }
      consumed = true;
      const width = widthRaw === '*' ? toNum(next()) : widthRaw ? Number(widthRaw) : 0;
      const prec = precRaw === '*' ? toNum(next()) : precRaw !== undefined ? Number(precRaw) : undefined;
      const arg = next();
      let body: string;
      switch (conv) {
        case 's':
          body = arg ?? '';
          if (prec !== undefined) body = body.slice(0, prec);
          break;
        case 'b':
          body = interpretEscapes(arg ?? '').text;
          break;
        case 'c':
          body = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u':
          body = String(Math.trunc(toNum(arg)));
          if (flags.includes('+') && !body.startsWith('-')) body = `+${body}`;
          break;
        case 'o':
          body = Math.trunc(toNum(arg)).toString(8);
          break;
        case 'x':
        case 'X':
          body = Math.trunc(toNum(arg)).toString(16);
          if (conv === 'X') body = body.toUpperCase();
          break;
        default:
          body = toNum(arg).toFixed(prec ?? 6);
          if (conv === 'e' || conv === 'E') body = toNum(arg).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      }
      if (body.length < width) {
        if (flags.includes('-')) body = body.padEnd(width);
        else if (flags.includes('0') && !'sc'.includes(conv)) {
          const neg = body.startsWith('-');
          body = (neg ? '-' : '') + body.slice(neg ? 1 : 0).padStart(width - (neg ? 1 : 0), '0');
        } else body = body.padStart(width);
      }
      text += body;
    }
    if (!consumed) break;
  } while (ai < args.length);
  return { text, badNumbers };
}
