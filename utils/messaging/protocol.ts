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
  CaptureMode,
  DomRender,
  Extraction,
  FrameMasks,
  FrozenPage,
  MaskRects,
  MockupLayout,
  PageProbe,
  PageSize,
  Picked,
  TabStatus,
} from '@/utils/core/schemas/capture';
import { ImageDataUrl, ImageText, OcrReading } from '@/utils/core/schemas/ocr';
import { CssPatch } from '@/utils/core/schemas/plan';
import { Critique, CritiqueRecord } from '@/utils/core/schemas/record';
import { Box, Region, RegionId, TabId } from '@/utils/core/schemas/region';
import { ConnectionResult, Settings } from '@/utils/core/schemas/settings';
import { accepts, FROM, ownIdentity, refusal, type Rule } from '@/utils/messaging/senders';

const ForTab = z.object({ tabId: TabId });
const ForJob = z.object({ jobId: z.string().min(1) });
const Selectors = z.object({ privateSelectors: z.array(z.string()) });
const Nothing = z.void();
const ForRun = z.object({ id: z.string().min(1) });
const SaveResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: Settings }),
  z.object({ ok: z.literal(false), errors: z.partialRecord(Settings.keyof(), z.string()) }),
]);
export type SaveResult = z.infer<typeof SaveResult>;

export const protocol = {
  // background or panel → content script
  /** Is the script there, and how big is the page? */
  ping: { request: Nothing, reply: PageProbe },
  extractRegions: { request: Selectors, reply: Extraction },
  /** Hides our overlay for a capture and says where the private fields are right now. */
  beforeCapture: { request: Selectors, reply: MaskRects },
  afterCapture: { request: Nothing, reply: Nothing },
  beginFrames: { request: Nothing, reply: PageSize },
  frame: { request: Selectors.extend({ y: z.number(), hideFixed: z.boolean() }), reply: FrameMasks },
  endFrames: { request: Nothing, reply: Nothing },
  renderDom: { request: Selectors.extend({ selector: z.string().nullable() }), reply: DomRender },
  pickElement: { request: Nothing, reply: Picked.nullable() },
  cancelPick: { request: Nothing, reply: Nothing },
  scrollToBox: {
    request: z.object({ box: Box }),
    reply: z.object({ scrollX: z.number(), scrollY: z.number() }),
  },
  /** Draws the regions' numbered boxes; with `labels` false (Hide labels) it only keeps them. */
  showOverlay: {
    request: z.object({ regions: z.array(Region), labels: z.boolean().default(true) }),
    reply: Nothing,
  },
  /** Hide labels: takes the numbered boxes off the page (false) or draws them again (true). */
  setLabels: { request: z.object({ shown: z.boolean() }), reply: Nothing },
  hideOverlay: { request: Nothing, reply: Nothing },
  /** Lights these regions' boxes (a hovered region, or every region of a hovered finding); [] clears. */
  highlightRegion: { request: z.object({ ids: z.array(RegionId).max(200) }), reply: Nothing },
  scrollToRegion: { request: z.object({ id: RegionId }), reply: Nothing },
  /** Puts a plan's CSS patch on the page (replacing any preview there); says which regions are gone or hidden. */
  applyPreview: {
    request: z.object({
      patch: CssPatch,
      regions: z.array(Region.pick({ id: true, selector: true })),
      /** Regions kept as they are: held at their own inherited values while the preview is on. */
      kept: z.array(RegionId).default([]),
    }),
    reply: z.object({
      applied: z.number().int().nonnegative(),
      missing: z.array(RegionId),
      rejected: z.number().int().nonnegative(),
      /** Regions the preview put out of sight (utils/page/preview/visibility.ts), and how. */
      hidden: z.array(z.object({ regionId: RegionId, reason: z.string() })),
      /** Of `ms`, the part spent on that check. */
      checkMs: z.number().nonnegative(),
      /** Time spent in the page, in ms. */
      ms: z.number().nonnegative(),
    }),
  },
  /** The page frozen into an inert document with the plan's patch as a stylesheet (utils/page/freeze.ts); the page is not touched. */
  freezePage: {
    request: Selectors.extend({
      patch: CssPatch,
      regions: z.array(Region.pick({ id: true, selector: true })),
    }),
    reply: FrozenPage,
  },
  /** A round's `a before b`: the flex or grid container the two share, or why there is none (utils/page/regions/siblingOrder.ts). */
  siblingOrder: {
    request: z.object({
      a: RegionId,
      b: RegionId,
      regions: z.array(Region.pick({ id: true, selector: true })),
    }),
    reply: z.union([
      z.object({
        container: z.enum(['flex', 'grid']),
        items: z.array(z.object({ regionId: RegionId.nullable(), order: z.number().int() })),
      }),
      z.object({ container: z.null(), reason: z.string() }),
    ]),
  },
  /** Takes the preview off the page, restoring it exactly; replies how many elements it restored. */
  revertPreview: { request: Nothing, reply: z.number().int().nonnegative() },
  // content script → panel
  regionHovered: { request: z.object({ id: RegionId.nullable() }), reply: Nothing },
  // panel → background
  /** Title, URL, and whether the tab can be critiqued. */
  getTabStatus: { request: ForTab, reply: TabStatus },
  /** Inject the content script if needed, then ping it. */
  probeTab: { request: ForTab, reply: PageProbe },
  /** Starts a critique job; its events then arrive over the panel's port. */
  startCritique: {
    request: ForTab.extend({
      mode: CaptureMode,
      request: z.string().trim().max(2000).nullable(),
      /** A critique to verify this one against (the CLI's `--against`). */
      against: z.string().nullable().default(null),
    }),
    reply: CritiqueRecord,
  },
  /** Starts a round: a critique that refines `refines` (a critique or round) by the request. */
  startRound: {
    request: ForTab.extend({ refines: z.string().min(1), request: z.string().trim().min(1).max(2000) }),
    reply: CritiqueRecord,
  },
  /** Checks the page now against a critique, first putting its plan on the page when `preview`. */
  startCheck: {
    request: ForTab.extend({ against: z.string().min(1), preview: z.boolean() }),
    reply: CritiqueRecord,
  },
  /** Saves an exported critique (an earlier `critique.json`) in history, to check against it. */
  importCritique: { request: z.object({ critique: Critique }), reply: z.string() },
  cancelJob: { request: ForJob, reply: z.boolean() },
  /** Continues an interrupted or failed job from its last finished stage. */
  resumeJob: { request: ForJob, reply: CritiqueRecord },
  /**
   * The tab's critique (running, else the latest saved for its page) and the latest check
   * against it, so a reopened panel can reattach.
   */
  getJob: {
    request: ForTab,
    reply: z.object({ critique: CritiqueRecord.nullable(), check: CritiqueRecord.nullable() }),
  },
  /** Hides or shows the tab's numbered labels, and remembers it for the tab (utils/extension/labels.ts). */
  setLabelsHidden: { request: ForTab.extend({ hidden: z.boolean() }), reply: Nothing },
  /** A job held in memory or saved, by id. */
  getRecord: { request: ForJob, reply: CritiqueRecord.nullable() },
  /** History: deletes a run and its artifacts, kept in the background for Undo (UNDO_MS). */
  deleteRun: { request: ForRun, reply: z.boolean() },
  /** History: puts a deleted run back as it was stored, while its Undo window is open. */
  undoDelete: { request: ForRun, reply: z.boolean() },
  /** Storage full: deletes the `count` oldest runs that are not running; says how many went. */
  makeRoom: { request: z.object({ count: z.number().int().min(1).max(100) }), reply: z.number() },
  /** Triage: ignores a finding of a saved critique (with its reason) or restores it; the record as saved. */
  triageFinding: {
    request: ForRun.extend({
      findingId: z.string().min(1),
      ignore: z.boolean(),
      reason: z.string().max(500).nullable().default(null),
    }),
    reply: CritiqueRecord,
  },
  /** options page or panel → background: validates and saves the settings (the key in its own store). */
  saveSettings: { request: z.unknown(), reply: SaveResult },
  /** After deleting old critiques: saves a job that ended while storage was full. */
  retrySave: { request: ForJob, reply: z.boolean() },
  /** options page → background: try the provider settings as entered, before they are saved. */
  testConnection: { request: Settings, reply: ConnectionResult },
  /** panel or job → background: the words in an image, read in the offscreen document. */
  readImageText: { request: z.object({ image: ImageDataUrl }), reply: ImageText },
  // background → offscreen document
  recognizeImageText: { request: z.object({ image: ImageDataUrl }), reply: OcrReading },
  /** The mockup laid out at the page's viewport size, its regions' boxes read (utils/core/render/mockupLayout.ts). */
  layoutMockup: {
    request: z.object({
      html: z.string(),
      viewport: z.object({ width: z.number().positive(), height: z.number().positive() }),
    }),
    reply: MockupLayout,
  },
} satisfies Record<string, { request: z.ZodType; reply: z.ZodType }>;

type Protocol = typeof protocol;
export type MessageType = keyof Protocol;

/**
 * Who may send each message, checked where it is received before anything else happens. Every
 * type needs an entry: a new message cannot be added without saying who may send it.
 */
export const senders = {
  ping: FROM.restage,
  extractRegions: FROM.restage,
  beforeCapture: FROM.restage,
  afterCapture: FROM.restage,
  beginFrames: FROM.restage,
  frame: FROM.restage,
  endFrames: FROM.restage,
  renderDom: FROM.restage,
  pickElement: FROM.restage,
  cancelPick: FROM.restage,
  scrollToBox: FROM.restage,
  showOverlay: FROM.restage,
  setLabels: FROM.restage,
  hideOverlay: FROM.restage,
  highlightRegion: FROM.restage,
  scrollToRegion: FROM.restage,
  applyPreview: FROM.restage,
  revertPreview: FROM.restage,
  freezePage: FROM.restage,
  siblingOrder: FROM.restage,
  // The receiving panel also checks the tab (components/focus/RegionFocus.tsx).
  regionHovered: FROM.content,
  getTabStatus: FROM.ui,
  probeTab: FROM.ui,
  startCritique: FROM.ui,
  startCheck: FROM.ui,
  startRound: FROM.ui,
  importCritique: FROM.ui,
  cancelJob: FROM.ui,
  resumeJob: FROM.ui,
  getJob: FROM.ui,
  getRecord: FROM.ui,
  setLabelsHidden: FROM.ui,
  retrySave: FROM.ui,
  deleteRun: FROM.ui,
  undoDelete: FROM.ui,
  makeRoom: FROM.ui,
  triageFinding: FROM.ui,
  saveSettings: FROM.ui,
  testConnection: FROM.ui,
  readImageText: FROM.ui,
  recognizeImageText: FROM.worker,
  layoutMockup: FROM.worker,
} as const satisfies { [K in MessageType]: Rule };

type Request<K extends MessageType> = z.output<Protocol[K]['request']>;
/** What a sender passes: fields with defaults may be left out. */
type Outgoing<K extends MessageType> = z.input<Protocol[K]['request']>;
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
  data: Outgoing<K>,
  tabId?: number,
): Promise<Reply<K>> {
  // The library's overloads cannot see through the generic K; the schemas check both ends.
  const send = messenger.sendMessage as (t: K, d: Outgoing<K>, tab?: number) => Promise<unknown>;
  const reply = await send(type, data, tabId);
  return parseOrThrow(protocol[type].reply, reply, `reply to '${type}'`) as Reply<K>;
}

export type Sender = Browser.runtime.MessageSender;

/** Thrown for a message from a sender that `senders` does not allow for its type. */
export class SenderError extends Error {
  override name = 'SenderError';
}

/**
 * Registers the handler for `type`. A message from a sender not allowed to send it is refused
 * with a SenderError, and a malformed request with a ProtocolError; the handler never runs.
 */
export function onMessage<K extends MessageType>(
  type: K,
  handler: (data: Request<K>, sender: Sender) => Reply<K> | Promise<Reply<K>>,
): () => void {
  const listen = messenger.onMessage as (
    t: K,
    cb: (message: { data: unknown; sender: Sender }) => Promise<Reply<K>>,
  ) => () => void;
  return listen(type, async ({ data, sender }) => {
    const rule: Rule = senders[type];
    if (!accepts(rule, sender, ownIdentity())) throw new SenderError(refusal(type, rule));
    return handler(parseOrThrow(protocol[type].request, data, `'${type}' message`) as Request<K>, sender);
  });
}
