import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Lint config: recommended JS + TypeScript rules; zero warnings allowed (see npm run lint). */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'outputs/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
