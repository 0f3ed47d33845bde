import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Where code runs decides what it may import. A module's folder under utils/ names its context:
 * core (pure, runs anywhere), messaging (the protocol every context speaks), extension (the
 * extension's own origin: the worker and extension pages, never a page), page (the content
 * script), background (the service worker), offscreen, and panel (the side panel and options
 * page, with components/). Each context lists the folders it may import; everything else is
 * refused, type imports included.
 */
const folders = ['core', 'messaging', 'extension', 'page', 'background', 'offscreen', 'panel'];
const importable = {
  core: ['core'],
  messaging: ['core', 'messaging'],
  extension: ['core', 'messaging', 'extension'],
  page: ['core', 'messaging', 'page'],
  background: ['core', 'messaging', 'extension', 'background'],
  offscreen: ['core', 'messaging', 'extension', 'offscreen'],
  panel: ['core', 'messaging', 'extension', 'panel'],
};
/** Packages a context may not load: the model SDK stays in the worker, IndexedDB behind two modules. */
const bannedPackages = {
  core: ['openai', 'dexie', 'wxt/*', '#imports', '@webext-core/*'],
  messaging: ['openai', 'dexie'],
  extension: ['openai'],
  page: ['openai', 'dexie'],
  background: [],
  offscreen: ['openai'],
  panel: ['openai', 'dexie'],
};
/** Only the background writes IndexedDB: the handles that can write are its alone. */
const writers = [
  { name: '@/utils/extension/history/db', importNames: ['history', 'openHistory'] },
  { name: '@/utils/extension/settings/keyStore', importNames: ['keyStore', 'openKeyStore', 'writeKey'] },
];

function boundary(context, files) {
  const refused = folders.filter((f) => !importable[context].includes(f));
  const patterns = [
    ...refused.map((f) => ({
      group: [`@/utils/${f}/*`, `@/utils/${f}`],
      message: `${context} code may not import ${f} code: utils/${f}/ runs elsewhere (eslint.config.js).`,
    })),
    ...(bannedPackages[context].length
      ? [
          {
            group: bannedPackages[context],
            message: `${context} code may not load this package (eslint.config.js).`,
          },
        ]
      : []),
    ...(context === 'panel'
      ? []
      : [
          {
            group: ['@/components/*', '@/entrypoints/*'],
            message: 'Only the panel loads UI code (eslint.config.js).',
          },
        ]),
    { group: ['./*', '../*'], message: 'Import with @/ (one import style throughout).' },
  ];
  const paths =
    context === 'background' || context === 'extension'
      ? []
      : writers.map((w) => ({
          ...w,
          message: 'Only the background writes IndexedDB: ask it with a message.',
        }));
  return {
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] },
  };
}

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'test-results/',
      'restage-report/',
      'bench/*.json',
      '.scratch/',
      // Imports the boundaries refuse, on purpose: linted by test/lint/boundaries.test.ts.
      'test/lint/*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./*', '../*'], message: 'Import with @/ (one import style throughout).' }] },
      ],
    },
  },
  ...['core', 'messaging', 'extension', 'page', 'background', 'offscreen'].map((c) =>
    boundary(c, [`utils/${c}/**/*.{ts,tsx}`, `test/lint/${c}/**/*.{ts,tsx}`]),
  ),
  boundary('panel', [
    'utils/panel/**/*.{ts,tsx}',
    'components/**/*.{ts,tsx}',
    'entrypoints/sidepanel/**',
    'entrypoints/options/**',
    'test/lint/panel/**/*.{ts,tsx}',
  ]),
  boundary('page', ['entrypoints/page.content/**']),
  boundary('background', ['entrypoints/background.ts']),
  boundary('offscreen', ['entrypoints/offscreen/**']),
  {
    // Scripts of the test pages run in the page.
    files: ['test/fixtures/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
  },
  {
    // Loaded by WXT's config loader before the @/ alias exists.
    files: ['wxt.config.ts', 'scripts/lib/tesseractAssets.ts', 'scripts/lib/noncharacters.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
