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
import { PageProbe, TabId, TabStatus } from './schemas';

const ForTab = z.object({ tabId: TabId });

export const protocol = {
  /** background → content script: is the script there, and how big is the page? */
  ping: { request: z.undefined(), reply: PageProbe },
  /** panel → background: title, URL, and whether the tab can be critiqued. */
  getTabStatus: { request: ForTab, reply: TabStatus },
  /** panel → background: inject the content script if needed, then ping it. */
  probeTab: { request: ForTab, reply: PageProbe },
} satisfies Record<string, { request: z.ZodType; reply: z.ZodType }>;

type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
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
