// Lint keeps each folder to its runtime (see docs/architecture.md):
//   shared/          runs anywhere: no Node built-ins, no DOM globals, no electron
//   renderer/        the browser sandbox: no Node built-ins, no electron
//   electron/core/   plain Node (tests, CLI, benchmarks): no electron
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'stream', 'url', 'zlib', 'worker_threads'], message: 'This folder must not use Node built-ins.' };
const electronImports = { group: ['electron', 'electron/*', '@electron/*', '@electron-toolkit/*'], message: 'Only electron/shell and electron/preload may import electron.' };
const coreFromShell = { group: ['**/shell/*', '**/preload/*'], message: 'The core must not depend on the Electron shell.' };
const nodeOnly = { group: ['better-sqlite3', 'yauzl', 'yazl', 'image-size', 'commander'], message: 'Main-process libraries stay in electron/core.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/output/**', '.venv-ref/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electronImports, nodeOnly, { group: ['react', 'react-dom', '@mantine/*'], message: 'shared/ holds no UI.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electronImports, nodeOnly, { group: ['**/electron/**'], message: 'The renderer talks to the main process through the contract only.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImports, coreFromShell] }] },
  },
);
