/** bundle: the initial JavaScript a visitor downloads (the entry chunk and what it imports statically), gzipped. */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Figure } from './figure';

export function bundle(): Figure[] {
  execSync('npx vite build', { stdio: 'ignore' });
  const html = readFileSync('dist/index.html', 'utf8');
  const entry = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('no entry script in dist/index.html');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(`dist/${file}`, 'utf8');
    // Static imports only (`import … from "./x.js"`); dynamic import() chunks (Monaco) load later.
    for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
  };
  visit(entry);
  const gz = [...seen].reduce((n, f) => n + gzipSync(readFileSync(`dist/${f}`)).length, 0);
  const monaco = [...seen].some((f) => /monaco/i.test(f));
  return [{ name: 'bundle.initial-js', value: Math.round(gz / 1024), unit: 'KB gzip', context: `${seen.size} file(s): ${[...seen].join(', ')}; Monaco in it: ${monaco ? 'yes' : 'no'}; target ≤ 300 KB` }];
}
