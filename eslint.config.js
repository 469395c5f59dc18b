// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.astro/',
      'cdk.out/',
      '.tmp/',
      'test/fixtures/',
      'schema/architecture.ts',
      'schema/architecture.validate.mjs',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans in messages read fine; objects are caught by no-base-to-string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Command handlers are async by contract (lazy import), even when their body is not.
      '@typescript-eslint/require-await': 'off',
      // `{ drop: _, ...rest }` is how we leave out a field; `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Entry stacks have their own tsconfig (see tsconfig.stacks.json), which the project service cannot find.
    files: ['architectures/*/cdk/**/*.ts', 'generators/scaffold/cdk/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.stacks.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Type-aware rules cannot see through Astro templates (every JSX expression reads as `any`);
    // `astro check` type-checks these files instead.
    files: ['**/*.js', '**/*.mjs', '**/*.astro'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
