/**
 * Who sent a message, judged only from what the browser fills in: the sender's extension id and
 * URL. `sender.tab` says nothing about trust (the side panel and options page can be open in a
 * tab), so it only identifies a content script's tab once the URL has shown it is not one of
 * Restage's own pages.
 */
import { browser, type Browser } from 'wxt/browser';

export type SenderKind =
  /** The side panel or the options page. */
  | 'ui'
  /** The background service worker. */
  | 'worker'
  /** Any other page of Restage's origin, such as the offscreen document. */
  | 'extension'
  /** Restage's content script, in a page's top frame. */
  | 'content'
  /** Anything else: another extension, a page of no known kind, a sub-frame. */
  | 'unknown';

/** What a context knows of itself: its extension id and the origin of its pages. */
export interface Self {
  id: string;
  origin: string;
}

/** This context's own identity, which every sender is compared with. */
export function ownIdentity(): Self {
  return { id: browser.runtime.id, origin: originOf(browser.runtime.getURL('/')) ?? '' };
}

export const UI_PAGES = ['/sidepanel.html', '/options.html'];
/** Chromium's worker script, as WXT names it in the built manifest. */
export const WORKER_SCRIPT = '/background.js';

/** scheme://host, also for chrome-extension: and moz-extension:, whose URL.origin is "null". */
export function originOf(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}`;
  } catch {
    return null;
  }
}

export function senderKind(sender: Browser.runtime.MessageSender, self: Self): SenderKind {
  if (sender.id !== self.id || !sender.url) return 'unknown';
  if (originOf(sender.url) === self.origin) {
    const { pathname } = new URL(sender.url);
    if (UI_PAGES.includes(pathname)) return 'ui';
    if (pathname === WORKER_SCRIPT) return 'worker';
    return 'extension';
  }
  if (typeof sender.tab?.id === 'number' && sender.frameId === 0) return 'content';
  return 'unknown';
}

/** Who may send a message: the kinds accepted, and how the refusal names them. */
export interface Rule {
  kinds: readonly SenderKind[];
  who: string;
}

export const FROM = {
  /** The panel and options page: everything that starts work in the background or reads its results. */
  ui: { kinds: ['ui'], who: "Restage's side panel or options page" },
  /** Restage's own contexts: what the background and the panel ask of a page. */
  restage: { kinds: ['ui', 'worker', 'extension'], who: "Restage's own pages or its background" },
  worker: { kinds: ['worker'], who: "Restage's background" },
  content: { kinds: ['content'], who: "Restage's script in the top frame of a page" },
} as const satisfies Record<string, Rule>;

export function accepts(rule: Rule, sender: Browser.runtime.MessageSender, self: Self): boolean {
  return rule.kinds.includes(senderKind(sender, self));
}

/** "Restage refused 'getJob': it may only come from Restage's side panel or options page." */
export function refusal(type: string, rule: Rule): string {
  return `Restage refused '${type}': it may only come from ${rule.who}.`;
}
