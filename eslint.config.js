// One flat config for every package; type-aware rules stay off to keep lint fast on 2 cores.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.turbo/**', 'report/**', '**/fixtures/**', '**/*.golden.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'child_process', message: 'Run commands through the core runner (zx).' }] },
      ],
    },
  },
  {
    files: ['packages/core/src/runner/**', 'packages/sim/src/**', 'packages/**/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
)
