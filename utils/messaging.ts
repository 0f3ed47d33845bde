/**
 * The one message protocol between the side panel, the background and the content script.
 * Each entry pairs the request and reply schemas; `ProtocolMap` (function-style entries, as
 * @webext-core/messaging expects) is derived from them, so the types and the runtime checks
 * cannot drift apart. Requests are parsed where they are received and replies where they
 * arrive, so nothing crosses a context boundary unchecked.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Browser } from 'wxt/browser';
import { z } from 'zod';
import {
  Box,
  CaptureMode,
  Critique,
  Extraction,
  MaskRects,
  PageProbe,
  Region,
  RegionId,
  Shot,
  TabId,
  TabStatus,
} from './schemas';

const ForTab = z.object({ tabId: TabId });
const Selectors = z.object({ privateSelectors: z.array(z.string()) });
const Nothing = z.void();
const DomRender = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    dataUrl: z.string().startsWith('data:image/png;base64,'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    area: Box,
    masked: z.number().int().nonnegative(),
    ms: z.number(),
  }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

/** One run of the critique: the result, its pixels (null when capture failed) and its mockup. */
export const CritiqueRun = z.object({
  critique: Critique,
  shot: Shot.nullable(),
  mockupHtml: z.string(),
  /** From the start until the numbered boxes are on the page. */
  firstLabelsMs: z.number(),
  /** Region extraction as timed inside the page, without messaging. */
  inPageRegionsMs: z.number(),
});
export type CritiqueRun = z.infer<typeof CritiqueRun>;

export const protocol = {
  // background or panel → content script
  /** Is the script there, and how big is the page? */
  ping: { request: Nothing, reply: PageProbe },
  extractRegions: { request: Selectors, reply: Extraction },
  maskRects: { request: Selectors, reply: MaskRects },
  beginFrames: {
    request: Nothing,
    reply: z.object({
      width: z.number(),
      height: z.number(),
      viewportWidth: z.number(),
      viewportHeight: z.number(),
      dpr: z.number(),
    }),
  },
  frame: { request: Selectors.extend({ y: z.number(), hideFixed: z.boolean() }), reply: MaskRects },
  endFrames: { request: Nothing, reply: Nothing },
  renderDom: { request: Selectors.extend({ selector: z.string().nullable() }), reply: DomRender },
  pickElement: {
    request: Nothing,
    reply: z.object({ selector: z.string(), box: Box, viewportHeight: z.number() }).nullable(),
  },
  scrollToBox: {
    request: z.object({ box: Box }),
    reply: z.object({ scrollX: z.number(), scrollY: z.number() }),
  },
  showOverlay: { request: z.object({ regions: z.array(Region) }), reply: Nothing },
  setOverlayVisible: { request: z.object({ visible: z.boolean() }), reply: Nothing },
  hideOverlay: { request: Nothing, reply: Nothing },
  highlightRegion: { request: z.object({ id: RegionId.nullable() }), reply: Nothing },
  scrollToRegion: { request: z.object({ id: RegionId }), reply: Nothing },
  // content script → panel
  regionHovered: { request: z.object({ id: RegionId.nullable() }), reply: Nothing },
  // panel → background
  /** panel → background: title, URL, and whether the tab can be critiqued. */
  getTabStatus: { request: ForTab, reply: TabStatus },
  /** panel → background: inject the content script if needed, then ping it. */
  probeTab: { request: ForTab, reply: PageProbe },
  /** Regions, findings, boxes on the page, capture, plan and mockup. */
  critiqueTab: {
    request: ForTab.extend({ mode: CaptureMode, request: z.string().max(2000).optional() }),
    reply: CritiqueRun,
  },
} satisfies Record<string, { request: z.ZodType; reply: z.ZodType }>;

type Protocol = typeof protocol;
type MessageType = keyof Protocol;
type Request<K extends MessageType> = z.output<Protocol[K]['request']>;
type Reply<K extends MessageType> = z.output<Protocol[K]['reply']>;

export type ProtocolMap = { [K in MessageType]: (data: Request<K>) => Reply<K> };

const messenger = defineExtensionMessaging<ProtocolMap>();

/** Thrown for a message or reply that does not match the protocol. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ProtocolError(`Malformed ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Sends to the background, or to a tab's content script when `tabId` is given. */
export async function sendMessage<K extends MessageType>(
  type: K,
  data: Request<K>,
  tabId?: number,
): Promise<Reply<K>> {
  // The library's overloads cannot see through the generic K; the schemas check both ends.
  const send = messenger.sendMessage as (t: K, d: Request<K>, tab?: number) => Promise<unknown>;
  const reply = await send(type, data, tabId);
  return parseOrThrow(protocol[type].reply, reply, `reply to '${type}'`) as Reply<K>;
}

export type Sender = Browser.runtime.MessageSender;

/** Registers the handler for `type`; a malformed request is answered with a ProtocolError. */
export function onMessage<K extends MessageType>(
  type: K,
  handler: (data: Request<K>, sender: Sender) => Reply<K> | Promise<Reply<K>>,
): () => void {
  const listen = messenger.onMessage as (
    t: K,
    cb: (message: { data: unknown; sender: Sender }) => Promise<Reply<K>>,
  ) => () => void;
  return listen(type, async ({ data, sender }) =>
    handler(parseOrThrow(protocol[type].request, data, `'${type}' message`) as Request<K>, sender),
  );
}
