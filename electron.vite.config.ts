import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve(import.meta.dirname, 'shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          cli: resolve(import.meta.dirname, 'main/cli.ts'),
          web: resolve(import.meta.dirname, 'main/web.ts'),
          // The push-to-talk key watcher, run as a utility process (main/app/key-hold).
          'key-hook': resolve(import.meta.dirname, 'main/app/key-hold/worker.ts'),
        },
      },
      rollupOptions: { external: ['@mongodb-js/zstd', 'uiohook-napi', 'sharp'] },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(import.meta.dirname, 'preload/index.ts') },
      // A sandboxed preload can require only 'electron': bundle zod (the bridge validates with it).
      externalizeDeps: { exclude: ['zod'] },
      // A sandboxed preload must be a single CommonJS file.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true } },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: {
      alias: [
        ...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })),
        // Mermaid's ELK runs in a worker, not on the page (renderer/src/markdown/elk-worker.ts).
        {
          find: /^elkjs\/lib\/elk\.bundled\.js$/,
          replacement: resolve(import.meta.dirname, 'renderer/src/markdown/elk-worker.ts'),
        },
      ],
      // One KaTeX: Mermaid's own copy (a nested older version, used for $$ in labels) would be a
      // second 260 kB chunk; its only call, renderToString, is the same in ours.
      dedupe: ['katex'],
    },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // The renderer ships to a window, not a Node process: minify it (electron-vite does not by default).
      minify: true,
      // Fonts stay files (KaTeX's): the CSP allows fonts from 'self' only, not data: URLs.
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
})
