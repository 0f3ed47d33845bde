import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage, sendMessage } from '@/utils/messaging/protocol';
import { deliverFrom, SENDERS, TO_CONTENT_SCRIPT } from '@/test/fixtures/senders';

const status = { tabId: 7, title: 'Pricing', url: 'https://example.com/', critiquable: true, reason: null };
const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  vi.restoreAllMocks();
});

describe('typed messaging', () => {
  // As the side panel sends them: test/utils/messaging/senders.test.ts covers the other senders.
  beforeEach(() => deliverFrom(SENDERS.panel));

  it('delivers a valid request and returns the parsed reply', async () => {
    stops.push(onMessage('getTabStatus', ({ tabId }) => ({ ...status, tabId })));
    await expect(sendMessage('getTabStatus', { tabId: 7 })).resolves.toEqual(status);
  });

  it('answers a malformed request with a clear error instead of calling the handler', async () => {
    let called = false;
    stops.push(
      onMessage('getTabStatus', () => {
        called = true;
        return status;
      }),
    );
    const bad = sendMessage('getTabStatus', { tabId: 'seven' } as unknown as { tabId: number });
    await expect(bad).rejects.toThrow(/Malformed 'getTabStatus' message[\s\S]*tabId/);
    await expect(bad).rejects.toMatchObject({ name: 'ProtocolError' });
    expect(called).toBe(false);
  });

  it('rejects a reply that does not match the protocol at the receiving side', async () => {
    stops.push(onMessage('probeTab', () => ({ url: 'x', title: 'x', elementCount: -1 })));
    await expect(sendMessage('probeTab', { tabId: 1 })).rejects.toThrow(
      /Malformed reply to 'probeTab'[\s\S]*elementCount/,
    );
  });

  it('passes handler errors back to the sender as errors', async () => {
    stops.push(
      onMessage('probeTab', () => {
        throw new Error('Tab 3 is closed or does not exist.');
      }),
    );
    await expect(sendMessage('probeTab', { tabId: 3 })).rejects.toThrow('Tab 3 is closed or does not exist.');
  });
});

describe('foreign messages', () => {
  it('ignores foreign messages that are not in the protocol format', async () => {
    stops.push(onMessage('getTabStatus', () => status));
    const replies = await fakeBrowser.runtime.sendMessage({ hello: 'world' });
    expect(replies).toBeUndefined();
  });
});

describe('full-page frames', () => {
  const masks = { rects: [], viewport: { width: 1280, height: 800, dpr: 1, scrollX: 0, scrollY: 0 } };

  it('accepts a frame reply that carries the page height', async () => {
    const { protocol } = await import('@/utils/messaging/protocol');
    expect(protocol.frame.reply.parse({ ...masks, pageHeight: 3285 }).pageHeight).toBe(3285);
  });

  it('rejects a frame reply without the page height', async () => {
    const { protocol } = await import('@/utils/messaging/protocol');
    expect(protocol.frame.reply.safeParse(masks).success).toBe(false);
  });
});

describe('what content scripts are sent', () => {
  it('carries no settings and no key: the key stays in the background', async () => {
    const { protocol } = await import('@/utils/messaging/protocol');
    const { z } = await import('zod');
    for (const type of TO_CONTENT_SCRIPT) {
      const schema = JSON.stringify(z.toJSONSchema(protocol[type].request, { unrepresentable: 'any' }));
      expect(schema, type).not.toMatch(/apiKey|baseUrl|settings/i);
    }
  });
});
