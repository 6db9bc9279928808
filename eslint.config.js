import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// src/engine must stay pure and deterministic: the same engine runs in the worker, in Node tests and in `serve`.
const engineBans = {
  'no-restricted-globals': [
    'error',
    { name: 'Date', message: 'Engine time comes from the virtual clock (engine/clock).' },
    { name: 'setTimeout', message: 'Schedule on the virtual clock instead.' },
    { name: 'setInterval', message: 'Schedule on the virtual clock instead.' },
    { name: 'setImmediate', message: 'Schedule on the virtual clock instead.' },
    { name: 'requestAnimationFrame', message: 'The engine has no frames; the worker paces it.' },
    { name: 'queueMicrotask', message: 'Schedule on the virtual clock instead.' },
    { name: 'performance', message: 'Wall-clock time breaks determinism.' },
    { name: 'window', message: 'No DOM in the engine.' },
    { name: 'document', message: 'No DOM in the engine.' },
    { name: 'navigator', message: 'No DOM in the engine.' },
    { name: 'localStorage', message: 'No DOM in the engine.' },
    { name: 'fetch', message: 'No I/O in the engine.' },
    { name: 'crypto', message: 'Use the seeded RNG (engine/util/rng).' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded RNG (engine/util/rng).' },
    { object: 'globalThis', property: 'setTimeout', message: 'Schedule on the virtual clock instead.' },
    { object: 'globalThis', property: 'Date', message: 'Engine time comes from the virtual clock.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'Engine time comes from the virtual clock.' },
    { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
    { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
  ],
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'monaco-editor', 'monaco-yaml'], message: 'No UI libraries in the engine.' },
        { group: ['**/ui/**', '**/ui', '**/worker/**', '**/server/**'], message: 'The engine may not import the UI, the worker or the server.' },
        { group: ['node:*'], message: 'No Node I/O in the engine.' },
      ],
      paths: ['fs', 'path', 'http', 'https', 'net', 'os', 'child_process', 'worker_threads'].map((name) => ({ name, message: 'No Node I/O in the engine.' })),
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Kubernetes objects are schemaless JSON at the generic REST layer; typed views come from kubernetes-types.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/lessons/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/lessons/**/*.test.ts'],
    rules: engineBans,
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: globals.node },
  },
);
