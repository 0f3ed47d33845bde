/**
 * The four capture modes, run from the background. Every mode masks private content before
 * the pixels leave this function, and fails closed: no masks, no image.
 */
import { browser } from '#imports';
import { sendMessage } from '../messaging';
import type { Box, CaptureMode, MaskRects, Shot } from '../schemas';
import { canvas2d, decode, encode, maxStitchHeight, paintMasks } from './image';
import { captureVisible } from './quota';

interface Context {
  tabId: number;
  privateSelectors: string[];
}

async function masksOrRefuse<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(
      `Restage could not locate this page's private fields, so no screenshot was taken (${(error as Error).message}).`,
      { cause: error },
    );
  }
}

async function visibleWindow(tabId: number): Promise<number> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) await browser.tabs.update(tabId, { active: true });
  return tab.windowId!;
}

/** Captures the viewport as it is, hiding our overlay for the moment of the capture. */
async function grab(
  ctx: Context,
  windowId: number,
  known?: MaskRects,
): Promise<{
  bitmap: ImageBitmap;
  rects: Box[];
  viewport: { scrollX: number; scrollY: number; width: number; height: number; dpr: number };
}> {
  // Full-page frames pass the masks measured right after scrolling; nothing moves in between.
  const masks =
    known ??
    (await masksOrRefuse(() =>
      sendMessage('maskRects', { privateSelectors: ctx.privateSelectors }, ctx.tabId),
    ));
  await sendMessage('setOverlayVisible', { visible: false }, ctx.tabId);
  try {
    const bitmap = await decode(await captureVisible(windowId));
    return { bitmap, rects: masks.rects, viewport: masks.viewport };
  } finally {
    await sendMessage('setOverlayVisible', { visible: true }, ctx.tabId);
  }
}

async function finish(
  mode: CaptureMode,
  canvas: OffscreenCanvas,
  dpr: number,
  area: Box,
  started: number,
  masked: number,
  notes: string[],
): Promise<Shot> {
  const { dataUrl, bytes } = await encode(canvas);
  return {
    mode,
    dataUrl,
    width: canvas.width,
    height: canvas.height,
    dpr,
    area,
    ms: performance.now() - started,
    bytes,
    masked,
    notes,
  };
}

export async function captureViewport(ctx: Context, notes: string[] = []): Promise<Shot> {
  const started = performance.now();
  const { bitmap, rects, viewport } = await grab(ctx, await visibleWindow(ctx.tabId));
  const dpr = bitmap.width / viewport.width;
  const [canvas, c2d] = canvas2d(bitmap.width, bitmap.height);
  c2d.drawImage(bitmap, 0, 0);
  paintMasks(c2d, rects, dpr);
  const area = { x: viewport.scrollX, y: viewport.scrollY, width: viewport.width, height: viewport.height };
  return finish('viewport', canvas, dpr, area, started, rects.length, notes);
}

export async function captureFullPage(ctx: Context): Promise<Shot> {
  const started = performance.now();
  const windowId = await visibleWindow(ctx.tabId);
  const page = await sendMessage('beginFrames', undefined, ctx.tabId);
  const notes: string[] = [];
  try {
    const limit = maxStitchHeight(page.viewportWidth, page.dpr);
    const height = Math.min(page.height, limit);
    if (height < page.height)
      notes.push(`Truncated at ${height} px: the page is ${page.height} px tall, beyond the canvas limit.`);
    let canvas: OffscreenCanvas | null = null;
    let c2d: OffscreenCanvasRenderingContext2D | null = null;
    let masked = 0;
    let width = 0;
    for (let y = 0, index = 0; y < height; y += page.viewportHeight, index++) {
      const frame = await masksOrRefuse(() =>
        sendMessage('frame', { y, hideFixed: index > 0, privateSelectors: ctx.privateSelectors }, ctx.tabId),
      );
      const shot = await grab(ctx, windowId, frame);
      const dpr = shot.bitmap.width / frame.viewport.width;
      if (!canvas) {
        width = frame.viewport.width;
        [canvas, c2d] = canvas2d(width * dpr, height * dpr);
      }
      const [frameCanvas, frameCtx] = canvas2d(shot.bitmap.width, shot.bitmap.height);
      frameCtx.drawImage(shot.bitmap, 0, 0);
      paintMasks(frameCtx, shot.rects, dpr);
      masked += shot.rects.length;
      // The last frame may not scroll a full viewport: draw it where the page really is.
      c2d!.drawImage(frameCanvas, 0, Math.round(shot.viewport.scrollY * dpr));
      if (shot.viewport.scrollY + frame.viewport.height >= height) break;
    }
    return finish('full', canvas!, page.dpr, { x: 0, y: 0, width, height }, started, masked, notes);
  } finally {
    await sendMessage('endFrames', undefined, ctx.tabId);
  }
}

export async function captureElement(ctx: Context): Promise<Shot> {
  await visibleWindow(ctx.tabId);
  const picked = await sendMessage('pickElement', undefined, ctx.tabId);
  if (!picked) throw new Error('Picking was cancelled.');
  const started = performance.now();
  const tall = picked.box.height > picked.viewportHeight;
  const source = tall ? await captureFullPage(ctx) : await scrolledViewport(ctx, picked.box);
  const bitmap = await decode(source.dataUrl);
  const { dpr, area } = source;
  const box = picked.box;
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
  return finish('element', canvas, dpr, box, started, source.masked, [
    `Picked ${picked.selector}`,
    ...source.notes,
  ]);
}

async function scrolledViewport(ctx: Context, box: Box): Promise<Shot> {
  await sendMessage('scrollToBox', { box }, ctx.tabId);
  return captureViewport(ctx);
}

export async function captureDom(ctx: Context): Promise<Shot> {
  const started = performance.now();
  const rendered = await sendMessage(
    'renderDom',
    { selector: null, privateSelectors: ctx.privateSelectors },
    ctx.tabId,
  );
  if (!rendered.ok) {
    const fallback = await captureViewport(ctx, [
      `html2canvas could not render this page (${rendered.reason}); this is the viewport capture instead.`,
    ]);
    return { ...fallback, ms: performance.now() - started };
  }
  const bitmap = await decode(rendered.dataUrl);
  const [canvas, c2d] = canvas2d(bitmap.width, bitmap.height);
  c2d.drawImage(bitmap, 0, 0);
  return finish(
    'dom',
    canvas,
    rendered.width / rendered.area.width,
    rendered.area,
    started,
    rendered.masked,
    [],
  );
}

export function capture(mode: CaptureMode, ctx: Context): Promise<Shot> {
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
