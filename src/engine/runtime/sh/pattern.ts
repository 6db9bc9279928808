/** Shell glob patterns (`*`, `?`, `[...]`), used by case, ${x#pat} and pathname expansion. */

/** Converts a pattern to a RegExp source; `quotedMask[i]` marks characters that must match literally. */
export function globToRegexSource(pattern: string, quotedMask?: boolean[]): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const literal = quotedMask?.[i];
    if (!literal && c === '*') re += '[\\s\\S]*';
    else if (!literal && c === '?') re += '[\\s\\S]';
    else if (!literal && c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (!literal && c === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]);
    } else re += escapeRegex(c);
  }
  return re;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function globMatch(pattern: string, text: string, quotedMask?: boolean[]): boolean {
  return new RegExp(`^${globToRegexSource(pattern, quotedMask)}$`).test(text);
}

export function hasGlobChars(pattern: string, quotedMask?: boolean[]): boolean {
  for (let i = 0; i < pattern.length; i++) if (!quotedMask?.[i] && '*?['.includes(pattern[i])) return true;
  return false;
}
