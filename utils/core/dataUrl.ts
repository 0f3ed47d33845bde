/**
 * `data:` URLs and Blobs, one way each. Images cross extension messages as data URLs, because
 * runtime messages are JSON-serialised in Chrome and a Blob cannot travel in one
 * (https://developer.chrome.com/docs/extensions/develop/concepts/messaging); reports and the
 * mockup embed their pictures the same way. Runs in every context (worker, page, panel, Node).
 */

/** The Blob as a base64 data URL; `fallbackType` names a Blob that has no type of its own. */
export async function blobToDataUrl(blob: Blob, fallbackType = 'application/octet-stream'): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const parts: string[] = [];
  // String.fromCharCode takes its bytes as arguments: chunks keep far below the engine's limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return `data:${blob.type || fallbackType};base64,${btoa(parts.join(''))}`;
}

/** A base64 or percent-encoded data URL's bytes, decoded synchronously. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,/.exec(dataUrl);
  if (!match) throw new Error('Not a data URL.');
  const [head, type, , base64] = match;
  const payload = dataUrl.slice(head.length);
  const blobType = type || 'text/plain';
  if (!base64) return new Blob([decodeURIComponent(payload)], { type: blobType });
  const binary = atob(payload);
  // A plain loop: several times faster than Uint8Array.from with a mapper on a 200 kB image.
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: blobType });
}

/** The decoded size of a data URL, without decoding it. */
export function dataUrlBytes(dataUrl: string): number {
  const payload = dataUrl.slice(dataUrl.indexOf(',') + 1);
  if (!/^data:[^,]*;base64,/.test(dataUrl))
    return new TextEncoder().encode(decodeURIComponent(payload)).length;
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  return (payload.length / 4) * 3 - padding;
}
