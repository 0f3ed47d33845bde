import type { Plugin } from 'vite';

/**
 * Chromium refuses to load a content script that holds a Unicode noncharacter (U+FFFE, U+FFFF,
 * U+FDD0–U+FDEF): its UTF-8 check (base::IsStringUTF8) rejects them, and the page then says
 * "Could not load file … It isn't UTF-8 encoded". postcss, which rrweb-snapshot bundles, has
 * U+FFFE in a string literal to spot byte-order marks. Such a character can only sit in a
 * string, template, regular expression or comment, where its `\u` escape means the same.
 */
export function escapeNoncharacters(): Plugin {
  return {
    name: 'restage:escape-noncharacters',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        file.code = file.code.replace(
          /[\ufdd0-\ufdef\ufffe\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
      }
    },
  };
}
