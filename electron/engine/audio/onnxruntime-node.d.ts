// onnxruntime-node 1.17.0 (pinned: its bundled CPU binaries need no install script) names
// dist/index.d.ts in its package.json but does not ship it. Its index re-exports onnxruntime-common,
// which does ship types, so the module's types are those.
declare module 'onnxruntime-node' {
  export * from 'onnxruntime-common';
}
