import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // tests of the pure core may use node's test runner and read fixtures
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
