// Lint runs in `npm test`, with type-aware rules for the TypeScript sources.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'server/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['src/game/**/*.ts'],
    rules: {
      // The rules must run unchanged in the browser, the server and simulations.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'phaser', 'zustand*', 'socket.io*'],
              message: 'The rules know nothing of Node, Phaser, the store or sockets.',
            },
            {
              group: ['boardgame.io/*'],
              message: 'Only `import type` from boardgame.io in the rules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Replaying a record runs the rules through boardgame.io's own reducer, as its master does:
    // a tool over the rules (server, tests), never imported by them.
    files: ['src/game/replay.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
