import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PANEL_PORT } from '@/utils/core/constants';
import { openChannel, type Channel } from '@/utils/background/jobs/channel';
import type { JobEvent } from '@/utils/core/schemas/record';
import { SENDERS, type SenderName } from '@/test/fixtures/senders';

type Listener<T> = (value: T) => void;

/** A port as the background sees one, from `sender`, with the panel's side driven by the test. */
function portFrom(sender: Browser.runtime.MessageSender) {
  const onMessage: Listener<unknown>[] = [];
  const onDisconnect: Listener<void>[] = [];
  const port = {
    name: PANEL_PORT,
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage: (message: unknown) => void port.posted.push(message),
    disconnect: () => void (port.disconnected = true),
    onMessage: { addListener: (l: Listener<unknown>) => void onMessage.push(l) },
    onDisconnect: { addListener: (l: Listener<void>) => void onDisconnect.push(l) },
    /** The panel says which tab it watches. */
    watch: (tabId: number) => onMessage.forEach((l) => l({ type: 'watch', tabId })),
  };
  return port;
}

let connect: Listener<unknown>;
let channel: Channel;
const unwatched: number[] = [];
beforeEach(() => {
  unwatched.length = 0;
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((l) => (connect = l as never));
  channel = openChannel((tabId) => unwatched.push(tabId));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const event: JobEvent = {
  type: 'stage',
  jobId: 'job-1',
  tabId: 4,
  job: {
    state: 'running',
    stage: 'regions',
    stages: [],
    progress: null,
    error: null,
    ms: null,
    storageFull: false,
  },
};

describe('the progress channel', () => {
  it.each(['panel', 'panelInTab', 'options'] as SenderName[])(
    'a port from the %s hears its tab’s jobs',
    (name) => {
      const port = portFrom(SENDERS[name]);
      connect(port);
      port.watch(4);
      channel.emit(event);
      expect(port.disconnected).toBe(false);
      expect(port.posted).toEqual([event]);
      expect(channel.isWatched(4)).toBe(true);
    },
  );

  it.each(['content', 'worker', 'offscreen', 'otherExtensionAsPanel', 'pageWithoutTab'] as SenderName[])(
    'a port from %s is disconnected and hears nothing',
    (name) => {
      const port = portFrom(SENDERS[name]);
      connect(port);
      port.watch(4);
      channel.emit(event);
      expect(port.disconnected).toBe(true);
      expect(port.posted).toEqual([]);
      expect(channel.isWatched(4)).toBe(false);
    },
  );
});
