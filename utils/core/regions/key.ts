/**
 * A region's stable key: the same element with the same text gets the same key in a later
 * critique of the page, whatever its number in reading order. Verification and history match
 * regions by it first (then by text and position, when an edit changed the text).
 */
export function regionKey(tag: string, selector: string, text: string): string {
  return `k${fnv1a(`${tag}\n${selector}\n${text.replace(/\s+/g, ' ').trim()}`)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, fast and well spread for strings this size. */
function fnv1a(input: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
