// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'data/',
      'coverage/',
      'test-results/',
      'test/generated/',
      'portal/src/gql/',
      'node_modules/',
      '.dependency-cruiser.cjs',
      'test/fixtures/dependency-rule/',
      'migrations/Migration*.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: ['test/**', 'scripts/**', '*.config.ts', 'eslint.config.js', 'portal/**'] }],
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // MikroORM.init() returns the driver's subclass through a static generic the rule cannot follow.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Decorated classes (entities, resolvers) are instantiated by the frameworks.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings from Config (src/config.ts).' }],
    },
  },
  {
    // The places allowed to read the environment: config parsing, scripts and tests.
    files: ['src/config.ts', 'scripts/**', 'test/**', 'vitest.config.ts', 'portal/vite.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Asymmetric matchers (expect.stringMatching, …) are typed `any` by vitest.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Fixtures index arrays they just built; a failed assertion is the test failing anyway.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['eslint.config.js'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);
