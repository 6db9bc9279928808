/// <reference types="node" />
/**
 * Generates generated/messages.json — the field numbers and types of every Kubernetes protobuf message — from the
 * upstream generated.proto files of k8s.io/api and k8s.io/apimachinery (tag v0.32.x, the 1.32 release):
 *
 *   npx tsx src/server/protobuf/generate.ts <dir containing the generated.proto files>
 *
 * The files are proto2 without nested messages, so a line-oriented reader suffices.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageSchemas, FieldSchema } from './schema';

const SKIP_PACKAGES = /\.(testapigroup|admission)\.|\.apidiscovery\./;

function protoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...protoFiles(path));
    else if (name === 'generated.proto') out.push(path);
  }
  return out.sort();
}

const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'bytes', 'sint32', 'sint64', 'fixed32', 'fixed64']);

function qualify(type: string, pkg: string): string {
  if (SCALARS.has(type)) return type;
  if (type.startsWith('.')) return type.slice(1);
  return type.includes('.') ? type : `${pkg}.${type}`;
}

function parse(text: string, messages: MessageSchemas): void {
  const pkg = /^package\s+([\w.]+);/m.exec(text)?.[1];
  if (!pkg || SKIP_PACKAGES.test(`${pkg}.`)) return;
  let current: Record<string, FieldSchema> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const open = /^message\s+(\w+)\s*\{/.exec(line);
    if (open) {
      current = {};
      messages[`${pkg}.${open[1]}`] = current;
      if (line.endsWith('}')) current = undefined;
      continue;
    }
    if (line === '}') {
      current = undefined;
      continue;
    }
    if (!current) continue;
    const map = /^map<\s*([\w.]+)\s*,\s*([\w.]+)\s*>\s+(\w+)\s*=\s*(\d+)/.exec(line);
    if (map) {
      current[map[4]] = { name: map[3], type: 'map', key: qualify(map[1], pkg), value: qualify(map[2], pkg) };
      continue;
    }
    const field = /^(optional|repeated|required)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)/.exec(line);
    if (field) {
      const f: FieldSchema = { name: field[3], type: qualify(field[2], pkg) };
      if (field[1] === 'repeated') f.repeated = true;
      current[field[4]] = f;
    }
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx src/server/protobuf/generate.ts <proto dir>');
  process.exit(2);
}
const messages: MessageSchemas = {};
for (const file of protoFiles(dir)) parse(readFileSync(file, 'utf8'), messages);
const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = new URL('./generated/messages.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(sorted)}\n`);
console.log(`${Object.keys(sorted).length} messages → ${out.pathname}`);
