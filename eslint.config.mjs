// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import { LAYERS } from './eslint.layers.mjs';

const editorModules = ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'];
const lspModules = ['vscode-languageserver', 'vscode-languageserver/*'];
const ioModules = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'worker_threads',
  'node:worker_threads',
];

/** The three layers import in one direction: client -> (protocol) -> server LSP wiring -> pure plan service. */
function restrict(names, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: names, message }] }] };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      '.vscode-test/**',
      '.test-work/**',
      'bench/.work/**',
      'client/media/**/*.js',
      'scripts/**/*.mjs',
      'esbuild.mjs',
      'eslint.config.mjs',
      'eslint.layers.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line'],
      'max-lines': ['warn', { max: 450, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 70, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'shared/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      // Longest path first: a file belongs to the most specific folder that holds it.
      'boundaries/elements': [...LAYERS]
        .sort((a, b) => b.path.length - a.path.length)
        .map((layer) => ({ type: layer.name, pattern: layer.path, partialMatch: false })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: LAYERS.map((layer) => ({
            from: { element: { type: layer.name } },
            allow: { to: { element: { types: { anyOf: [layer.name, ...layer.mayImport] } } } },
          })),
          message:
            'A {{from.type}} file may not import {{to.type}}: docs/architecture.md gives the folder order (eslint.layers.mjs enforces it).',
        },
      ],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: restrict(
      [...editorModules, ...lspModules, ...ioModules],
      'The plan service is pure: no editor, LSP or I/O imports; take I/O as parameters.',
    ),
  },
  {
    files: ['server/src/**/*.ts', 'shared/**/*.ts'],
    ignores: ['server/src/service/**'],
    rules: restrict(editorModules, 'Only client/ may import vscode.'),
  },
  {
    files: ['client/src/**/*.ts'],
    rules: restrict([...lspModules, '**/server/src/**'], 'The client talks to the server over LSP only.'),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
