// Monaco's editor core without its 80 languages: the same API as `monaco-editor`, a much smaller chunk.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
