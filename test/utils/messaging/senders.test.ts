import { afterEach, describe, expect, it, vi } from 'vitest';
import { onMessage, protocol, sendMessage, senders, type MessageType } from '@/utils/messaging/protocol';
import {
  accepts,
  originOf,
  ownIdentity,
  refusal,
  senderKind,
  type SenderKind,
} from '@/utils/messaging/senders';
import { deliverFrom, SENDERS, TO_CONTENT_SCRIPT, type SenderName } from '@/test/fixtures/senders';

afterEach(() => {
  vi.restoreAllMocks();
});

const KIND_OF: Record<SenderName, SenderKind> = {
  panel: 'ui',
  panelInTab: 'ui',
  options: 'ui',
  worker: 'worker',
  offscreen: 'extension',
  content: 'content',
  contentInSubframe: 'unknown',
  pageWithoutTab: 'unknown',
  otherExtension: 'unknown',
  otherExtensionAsPanel: 'unknown',
  noUrl: 'unknown',
};
const NAMES = Object.keys(SENDERS) as SenderName[];
const TYPES = Object.keys(protocol) as MessageType[];

describe('who sent a message', () => {
  it.each(NAMES)('%s', (name) => {
    expect(senderKind(SENDERS[name], ownIdentity())).toBe(KIND_OF[name]);
  });

  it('reads the origin of extension URLs, which URL.origin calls "null"', () => {
    expect(originOf('chrome-extension://abc/options.html')).toBe('chrome-extension://abc');
    expect(originOf('moz-extension://1f2e/sidepanel.html')).toBe('moz-extension://1f2e');
    expect(originOf('not a url')).toBeNull();
  });
});

describe('who may send each message', () => {
  /** The kinds each type is expected to come from, written out rather than read from the map. */
  const expected = (type: MessageType): SenderKind[] => {
    if ((TO_CONTENT_SCRIPT as readonly string[]).includes(type)) return ['ui', 'worker', 'extension'];
    if (type === 'regionHovered') return ['content'];
    if (type === 'recognizeImageText' || type === 'layoutMockup') return ['worker'];
    return ['ui'];
  };

  it('has a rule for every message type and no other', () => {
    expect(Object.keys(senders).sort()).toEqual([...TYPES].sort());
  });

  it.each(TYPES)('%s: the right senders are accepted and every other one refused', (type) => {
    for (const name of NAMES) {
      const allowed = expected(type).includes(KIND_OF[name]);
      expect(accepts(senders[type], SENDERS[name], ownIdentity()), `${type} from ${name}`).toBe(allowed);
    }
  });

  it('never lets a content script start work, read results or reach the network', () => {
    const fromContent = TYPES.filter((type) => accepts(senders[type], SENDERS.content, ownIdentity()));
    expect(fromContent).toEqual(['regionHovered']);
  });

  it('words a refusal in one sentence naming the message and who may send it', () => {
    expect(refusal('getJob', senders.getJob)).toBe(
      "Restage refused 'getJob': it may only come from Restage's side panel or options page.",
    );
  });
});

describe('a refused message, as received', () => {
  it.each(TYPES)('%s from a content script never reaches its handler, unless it is a hover', async (type) => {
    let called = false;
    const stop = onMessage(type, () => {
      called = true;
      return undefined as never;
    });
    deliverFrom(SENDERS.content);
    const send = sendMessage as (t: MessageType, d: unknown) => Promise<unknown>;
    const outcome = await send(type, { tabId: 4 }).then(
      () => null,
      (error: Error) => error,
    );
    stop();
    if (type === 'regionHovered') {
      expect(outcome?.name).not.toBe('SenderError');
      return;
    }
    expect(outcome).toMatchObject({ name: 'SenderError', message: refusal(type, senders[type]) });
    expect(called).toBe(false);
  });

  it('is refused before its data is read, so a refusal says nothing about the data', async () => {
    const stop = onMessage('getJob', () => ({ critique: null, check: null }));
    deliverFrom(SENDERS.otherExtensionAsPanel);
    await expect(sendMessage('getJob', { tabId: 'not a tab' } as never)).rejects.toThrow(
      "Restage refused 'getJob'",
    );
    stop();
  });
});
