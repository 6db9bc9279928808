#!/usr/bin/env node
// `pilothouse serve …`: runs the TypeScript server through tsx (a devDependency of this repo).
import process from 'node:process';
import console from 'node:console';
import { register } from 'tsx/esm/api';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'serve') {
  console.error(command && command !== '--help' && command !== '-h' ? `unknown command "${command}"\n` : '');
  console.error('Usage: pilothouse serve [--port 6443] [--nodes 3] [--speed 1|10|max] [--seed 1] [--kubeconfig PATH] [--token T]');
  process.exit(command === '--help' || command === '-h' ? 0 : 2);
}
register();
const { main } = await import('../src/server/main.ts');
process.exit(await main(rest));
