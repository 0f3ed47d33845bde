/**
 * Whether Restage may run on a URL. Browsers refuse script injection and capture on their
 * own pages and on extension galleries
 * (https://developer.chrome.com/docs/extensions/reference/api/scripting#restrictions),
 * so the panel says so in a plain sentence instead of failing later.
 */
export type Critiquable = { ok: true } | { ok: false; reason: string };

const STORE_HOSTS = new Set([
  'chromewebstore.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
]);

const BROWSER_SCHEMES = new Set([
  'chrome:',
  'chrome-untrusted:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'about:',
  'moz-extension:',
  'chrome-extension:',
  'view-source:',
  'chrome-search:',
]);

export function critiquable(url: string | undefined): Critiquable {
  if (!url) return { ok: false, reason: 'This tab has no page loaded yet.' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'This tab’s address is not a web page.' };
  }
  if (BROWSER_SCHEMES.has(parsed.protocol)) {
    return {
      ok: false,
      reason: 'This is a browser page. Browsers do not let extensions read or capture their own pages.',
    };
  }
  if (
    STORE_HOSTS.has(parsed.hostname) ||
    (parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore'))
  ) {
    return {
      ok: false,
      reason: 'This is an extension store. Browsers do not let extensions run on their stores.',
    };
  }
  if (parsed.protocol === 'file:') {
    return {
      ok: false,
      reason:
        'This is a local file. Turn on “Allow access to file URLs” for Restage in the extensions page, or serve it over http.',
    };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `Pages served over ${parsed.protocol.slice(0, -1)} cannot be critiqued.` };
  }
  return { ok: true };
}
