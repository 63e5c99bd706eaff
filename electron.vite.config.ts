// The desktop build: main process (with the store writer thread as its own entry), the sandboxed
// preload (CommonJS: a sandboxed page cannot load an ES module preload) and the renderer, all into
// out/. Builds offline: no Electron binary needed.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import renderer from './renderer/vite.config.ts';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** `--mode shell` builds only main and preload (tests that rebuild them leave the renderer alone). */
export default defineConfig(({ mode }) => ({
  main: {
    build: {
      outDir: at('out/main'),
      sourcemap: true,
      rollupOptions: {
        input: { index: at('electron/main/index.ts'), 'writer-worker': at('electron/engine/store/writer-worker.ts') },
        output: { entryFileNames: '[name].js' },
        // A native module reached through @ricky0123/vad-node: loaded from node_modules, never bundled.
        external: ['onnxruntime-node'],
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require only Electron's own modules: what it imports is bundled.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: at('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer:
    mode === 'shell'
      ? undefined
      : {
          ...renderer,
          root: at('renderer'),
          build: { ...renderer.build, rollupOptions: { input: at('renderer/index.html') } },
        },
}));
