import { execFileSync } from 'node:child_process';
import { findChromium, ROOT } from './harness';

/** Fails loudly, before any test, when there is no Chromium; then builds the extension once. */
export default function setup() {
  findChromium();
  if (process.env.RESTAGE_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
