import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// unplugin-swc keeps decorator metadata, which Nest's dependency injection relies on.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,libs,emulator,load,infra}/**/*.spec.ts'],
          exclude: ['**/node_modules/**', '**/*.int.spec.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{apps,libs,emulator,load,infra}/**/*.int.spec.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
