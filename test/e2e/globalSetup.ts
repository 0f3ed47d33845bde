import { ensureBuilt, findChromium } from './harness';

/** Fails loudly, before any test, when there is no Chromium; then builds the extension once. */
export default function setup() {
  findChromium();
  if (process.env.RESTAGE_SKIP_BUILD !== '1') ensureBuilt(true);
}
