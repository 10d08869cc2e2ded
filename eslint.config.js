import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import { LAYERS } from './eslint.layers.js';

// eslint-disable-next-line no-restricted-syntax -- eslint reads its flat config from the default export
export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'cache/**', 'artifacts/**', '.cache/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use a seeded generator passed in.' },
        { selector: 'ExportDefaultDeclaration', message: 'No default exports.' },
      ],
    },
  },
  {
    files: ['src/clmm/**', 'src/market/**', 'src/agent/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'No wall clock in the pure core.' }, { name: 'process', message: 'No environment in the pure core.' }],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'os'] }],
    },
  },
  {
    // imports point down (eslint.layers.js); a test may also import the helpers under test/
    files: ['src/**/*.ts', 'src/**/*.mjs'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        ...Object.keys(LAYERS).map((layer) => ({ type: layer, pattern: `src/${layer}` })),
        { type: 'test-helpers', pattern: 'test' },
      ],
      'boundaries/files': [{ category: 'test', pattern: '**/*.test.ts' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...Object.entries(LAYERS).map(([layer, below]) => ({
              from: { element: { type: layer } },
              allow: { to: { element: { types: { anyOf: [layer, ...below, 'errors'] } } } },
            })),
            { from: { file: { categories: 'test' } }, allow: { to: { element: { type: 'test-helpers' } } } },
          ],
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // tests of the pure core may use node's test runner and read fixtures
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
