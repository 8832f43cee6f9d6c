import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const GRAPHQL_CJS = resolve(__dirname, 'node_modules', 'graphql', 'index.js');

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds without an exports map. Node, loading
    // NestJS, takes the CommonJS one; Vite would take the other for our code, and the two copies'
    // classes fail each other's instanceof checks. Point our imports at the one Node loads.
    alias: [{ find: /^graphql$/, replacement: GRAPHQL_CJS }],
  },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
