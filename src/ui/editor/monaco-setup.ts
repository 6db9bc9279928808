/**
 * Loads Monaco (editor core + the YAML grammar) and monaco-yaml, with workers bundled by Vite. Imported only by
 * dynamic import() when the YAML tab first shows, so none of it is in the initial chunk.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { loadKubernetesSchemas } from './kubernetes-schemas';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

// monaco-yaml creates its worker with the legacy `{ label, moduleId, createData }` options, which only the full
// `monaco-editor` entry (not the editor core we load) translates. Same translation here: the worker from
// MonacoEnvironment, told to skip the AMD bootstrap and given its create data.
type LegacyOptions = Parameters<typeof monaco.editor.createWebWorker>[0];
type CoreOptions = { worker: Worker | Promise<Worker>; host?: unknown; keepIdleModels?: boolean };
// The editor core's createWebWorker takes `{ worker }` although its typings still describe the legacy options.
const coreCreateWebWorker = monaco.editor.createWebWorker as unknown as (o: CoreOptions) => ReturnType<typeof monaco.editor.createWebWorker>;
monaco.editor.createWebWorker = ((options: LegacyOptions | CoreOptions) => {
  if ('worker' in options && options.worker !== undefined) return coreCreateWebWorker(options);
  const legacy = options as LegacyOptions;
  const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!('workerMain.js', legacy.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore');
    w.postMessage(legacy.createData);
    return w;
  });
  return coreCreateWebWorker({ worker, host: legacy.host, keepIdleModels: legacy.keepIdleModels });
}) as typeof monaco.editor.createWebWorker;

const yaml = configureMonacoYaml(monaco, { enableSchemaRequest: false, validate: true, completion: true, hover: true, format: { enable: true }, schemas: [] });
void loadKubernetesSchemas().then((schemas) => {
  if (schemas.length > 0) void yaml.update({ schemas });
});

export { monaco };
