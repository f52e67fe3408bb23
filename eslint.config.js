// Lint for `npm test` (scripts/lint.mjs): typescript-eslint's strict rules, React's rules of hooks,
// and the few house rules a reviewer would otherwise repeat. Formatting is Prettier's (.prettierrc).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'coverage/', '**/*.d.ts'] },
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,cts,mts}'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // With noUncheckedIndexedAccess, `xs[i]!` is how code says an index is known to be in range;
      // the `!`s the types do not need are refused by the next rule.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A `!` that the types do not need (fail() narrows now) is noise that hides the real ones.
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      'no-sequences': 'error',
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules. The React Compiler's diagnostics (setState in an effect, refs read in
    // render) flag the hand-written data loading that the move to TanStack Query replaces (issue 15).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
