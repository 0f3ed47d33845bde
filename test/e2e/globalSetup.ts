import { CORPUS, HAS_CORPUS, ensureBuilt, findChromium } from '@/test/e2e/harness';

/** Fails loudly, before any test, when there is no Chromium; then builds the extension once. */
export default function setup() {
  findChromium();
  if (!HAS_CORPUS) console.log(`No shared corpus at ${CORPUS}: the tests that compare with it are skipped.`);
  if (process.env.RESTAGE_SKIP_BUILD !== '1') ensureBuilt(true);
}
