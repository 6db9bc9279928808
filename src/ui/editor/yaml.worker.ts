// The YAML language worker (validation, completion, hover), bundled locally.
import 'monaco-yaml/yaml.worker.js';
