/**
 * The four capture modes, run from the background. Every mode masks private content before
 * the pixels leave this module, and fails closed: no masks, no image. Our overlay is hidden
 * once per capture (not per frame), and a capture with nothing to mask keeps the browser's
 * own PNG bytes. Every mode stops at once when the signal aborts and puts the page back.
 */
import { dataUrlToBlob } from '@/utils/core/dataUrl';
import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging/protocol';
import type { CaptureMode, MaskRects, Shot } from '@/utils/core/schemas/capture';
import type { Box } from '@/utils/core/schemas/region';
import { coveredTo, heightNotes, isLastFrame } from '@/utils/background/capture/growth';
import {
  canvas2d,
  decode,
  encode,
  keepTop,
  maxStitchHeight,
  paintMasks,
  pngSize,
} from '@/utils/background/capture/image';
import { captureVisible } from '@/utils/background/capture/quota';
import { isSelectorRefusal } from '@/utils/core/privateSelector';

export interface CaptureContext {
  tabId: number;
  privateSelectors: string[];
  signal: AbortSignal;
  progress(message: string): void;
}

export interface Capture {
  shot: Shot;
  png: Blob;
}

async function masksOrRefuse<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = (error as Error).message;
    // A refused private selector is already a plain sentence that names it.
    if (isSelectorRefusal(message)) throw new Error(`${message} No screenshot was taken.`, { cause: error });
    throw new Error(
      `Restage could not locate this page's private fields, so no screenshot was taken (${message}).`,
      { cause: error },
    );
  }
}

/** Said once per capture when closed shadow roots could not be opened (../regions/shadow.ts). */
export function unopenedNote(count: number): string[] {
  if (count === 0) return [];
  const what = count === 1 ? 'element that may hold' : 'elements that may hold';
  return [
    `This browser cannot open closed shadow roots: ${count} ${what} one ${count === 1 ? 'is' : 'are'} masked whole.`,
  ];
}

async function visibleWindow(tabId: number): Promise<number> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) await browser.tabs.update(tabId, { active: true });
  return tab.windowId!;
}

function shotOf(
  mode: CaptureMode,
  png: Blob,
  size: { width: number; height: number },
  area: Box,
  extra: {
    started: number;
    masked: number;
    notes: string[];
  },
): Capture {
  const shot: Shot = {
    mode,
    width: size.width,
    height: size.height,
    dpr: size.width / area.width,
    area,
    ms: performance.now() - extra.started,
    bytes: png.size,
    masked: extra.masked,
    notes: extra.notes,
  };
  return { shot, png };
}

/** The viewport as the browser shows it, with masks painted in only when there are any. */
async function grabViewport(ctx: CaptureContext): Promise<{ png: Blob; masks: MaskRects }> {
  const windowId = await visibleWindow(ctx.tabId);
  const masks = await masksOrRefuse(() =>
    sendMessage('beforeCapture', { privateSelectors: ctx.privateSelectors }, ctx.tabId),
  );
  let dataUrl: string;
  try {
    dataUrl = await captureVisible(windowId, ctx.signal);
  } finally {
    // The boxes come back while the pixels are being kept: nothing here waits for them.
    void sendMessage('afterCapture', undefined, ctx.tabId).catch(() => undefined);
  }
  const png = dataUrlToBlob(dataUrl);
  if (masks.rects.length === 0) return { png, masks };
  const bitmap = await decode(png);
  const [canvas, c2d] = canvas2d(bitmap.width, bitmap.height);
  c2d.drawImage(bitmap, 0, 0);
  paintMasks(c2d, masks.rects, bitmap.width / masks.viewport.width);
  return { png: await encode(canvas), masks };
}

export async function captureViewport(ctx: CaptureContext, notes: string[] = []): Promise<Capture> {
  const started = performance.now();
  const { png, masks } = await grabViewport(ctx);
  const { viewport } = masks;
  const area = { x: viewport.scrollX, y: viewport.scrollY, width: viewport.width, height: viewport.height };
  return shotOf('viewport', png, await pngSize(png), area, {
    started,
    masked: masks.rects.length,
    notes: [...notes, ...unopenedNote(masks.unopened)],
  });
}

export async function captureFullPage(ctx: CaptureContext): Promise<Capture> {
  const started = performance.now();
  const windowId = await visibleWindow(ctx.tabId);
  const page = await sendMessage('beginFrames', undefined, ctx.tabId);
  const notes: string[] = [];
  try {
    // The page's height when the capture began, within the canvas limit; never the height it grows
    // to: an endless feed grows every time it is scrolled to its end, so chasing it would never
    // finish, and the stitched canvas, sized once at the first frame, would have to grow too.
    const bound = Math.min(page.height, maxStitchHeight(page.viewportWidth, page.dpr));
    if (bound < page.height)
      notes.push(`Truncated at ${bound} px: the page is ${page.height} px tall, beyond the canvas limit.`);
    const frames = Math.max(1, Math.ceil(bound / page.viewportHeight));
    let stitched: [OffscreenCanvas, OffscreenCanvasRenderingContext2D] | null = null;
    let masked = 0;
    let unopened = 0;
    let scale = page.dpr;
    let reached = 0;
    const heights: number[] = [];
    for (let index = 0; index < frames; index++) {
      ctx.signal.throwIfAborted();
      ctx.progress(`Capturing frame ${index + 1} of ${frames}`);
      const y = index * page.viewportHeight;
      const frame = await masksOrRefuse(() =>
        sendMessage('frame', { y, hideFixed: index > 0, privateSelectors: ctx.privateSelectors }, ctx.tabId),
      );
      const bitmap = await decode(dataUrlToBlob(await captureVisible(windowId, ctx.signal)));
      scale = bitmap.width / frame.viewport.width;
      stitched ??= canvas2d(frame.viewport.width * scale, bound * scale);
      const [, c2d] = stitched;
      // The last frame may not scroll a full viewport: draw it where the page really is.
      const top = Math.round(frame.viewport.scrollY * scale);
      c2d.drawImage(bitmap, 0, top);
      paintMasks(c2d, frame.rects, scale, top);
      masked += frame.rects.length;
      unopened = Math.max(unopened, frame.unopened);
      heights.push(frame.pageHeight);
      const bottom = frame.viewport.scrollY + frame.viewport.height;
      reached = coveredTo(bottom, bound);
      if (isLastFrame(bottom, bound, frame.pageHeight)) break;
    }
    notes.push(...heightNotes({ start: page.height, heights, reached }));
    // A page that shrank ends above the bound: keep only what was drawn, with no blank band.
    const canvas = keepTop(stitched![0], reached * scale);
    const area = { x: 0, y: 0, width: canvas.width / page.dpr, height: reached };
    const png = await encode(canvas);
    notes.push(...unopenedNote(unopened));
    return shotOf('full', png, canvas, area, { started, masked, notes });
  } finally {
    await sendMessage('endFrames', undefined, ctx.tabId).catch(() => undefined);
  }
}

export async function captureElement(ctx: CaptureContext): Promise<Capture> {
  await visibleWindow(ctx.tabId);
  ctx.progress('Click an element on the page (Esc cancels)');
  const cancelPick = () => void sendMessage('cancelPick', undefined, ctx.tabId).catch(() => undefined);
  ctx.signal.addEventListener('abort', cancelPick, { once: true });
  const picked = await sendMessage('pickElement', undefined, ctx.tabId).finally(() =>
    ctx.signal.removeEventListener('abort', cancelPick),
  );
  ctx.signal.throwIfAborted();
  if (!picked) throw new Error('Picking was cancelled.');
  const started = performance.now();
  const box = picked.box;
  const source =
    box.height > picked.viewportHeight
      ? await captureFullPage(ctx)
      : (await sendMessage('scrollToBox', { box }, ctx.tabId), await captureViewport(ctx));
  const bitmap = await decode(source.png);
  const { dpr, area } = source.shot;
  const [canvas, c2d] = canvas2d(box.width * dpr, box.height * dpr);
  c2d.drawImage(
    bitmap,
    (box.x - area.x) * dpr,
    (box.y - area.y) * dpr,
    box.width * dpr,
    box.height * dpr,
    0,
    0,
    canvas.width,
    canvas.height,
  );
  const png = await encode(canvas);
  return shotOf('element', png, canvas, box, {
    started,
    masked: source.shot.masked,
    notes: [`Picked ${picked.selector}`, ...source.shot.notes],
  });
}

export async function captureDom(ctx: CaptureContext): Promise<Capture> {
  const started = performance.now();
  ctx.progress('Rendering the page from its DOM');
  const rendered = await masksOrRefuse(() =>
    sendMessage('renderDom', { selector: null, privateSelectors: ctx.privateSelectors }, ctx.tabId),
  );
  ctx.signal.throwIfAborted();
  if (!rendered.ok) {
    const fallback = await captureViewport(ctx, [
      `html2canvas could not render this page (${rendered.reason}); this is the viewport capture instead.`,
    ]);
    return { ...fallback, shot: { ...fallback.shot, ms: performance.now() - started } };
  }
  // html2canvas painted the masks in the page already: keep its PNG as it is.
  const png = dataUrlToBlob(rendered.dataUrl);
  return shotOf('dom', png, rendered, rendered.area, { started, masked: rendered.masked, notes: [] });
}

export function capture(mode: CaptureMode, ctx: CaptureContext): Promise<Capture> {
  switch (mode) {
    case 'viewport':
      return captureViewport(ctx);
    case 'full':
      return captureFullPage(ctx);
    case 'element':
      return captureElement(ctx);
    case 'dom':
      return captureDom(ctx);
  }
}
