import { storage } from '#imports';
import { z } from 'zod';
import { sendMessage } from '@/utils/messaging/protocol';
import { TabId } from '@/utils/core/schemas/region';
import { LABELS_COMMAND } from '@/utils/core/constants';

/**
 * Hide labels: the tabs whose numbered boxes the user took off the page, with the panel's
 * toggle or Alt+Shift+L. The critique stays in the panel; only the page's boxes go. This list
 * in `session:` storage is the one place the state lives: the background writes it and tells
 * the page, a new critique's boxes follow it (utils/background/jobs/stages/regions.ts), and the panel
 * watches it. Tab ids are never reused while the browser runs, which is as long as `session:`
 * storage lasts, so a closed tab's entry never applies to another tab.
 */
const HiddenTabs = z.array(TabId);
const hiddenItem = storage.defineItem<unknown>('session:hiddenLabels', { fallback: [] });

const parse = (value: unknown): number[] => {
  const parsed = HiddenTabs.safeParse(value);
  return parsed.success ? parsed.data : [];
};

export async function labelsHidden(tabId: number): Promise<boolean> {
  return parse(await hiddenItem.getValue()).includes(tabId);
}

/** Two toggles in quick succession (a held shortcut) each read what the one before wrote. */
let queue: Promise<unknown> = Promise.resolve();
const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
};

async function write(tabId: number, hidden: boolean): Promise<void> {
  const tabs = new Set(parse(await hiddenItem.getValue()));
  if (hidden) tabs.add(tabId);
  else tabs.delete(tabId);
  await hiddenItem.setValue([...tabs]);
  // A page with no critique on it, or no content script yet, has no boxes to change: its next
  // critique reads the state.
  await sendMessage('setLabels', { shown: !hidden }, tabId).catch(() => undefined);
}

/** Hides (or shows again) the tab's numbered labels, and remembers it for the tab. */
export function setLabelsHidden(tabId: number, hidden: boolean): Promise<void> {
  return inTurn(() => write(tabId, hidden));
}

/** Flips the tab's labels; resolves with whether they are hidden now. */
export function toggleLabels(tabId: number): Promise<boolean> {
  return inTurn(async () => {
    const hidden = !(await labelsHidden(tabId));
    await write(tabId, hidden);
    return hidden;
  });
}

/** Calls back with whether the tab's labels are hidden, now and on every change; returns the unwatch. */
export function watchLabels(tabId: number, onChange: (hidden: boolean) => void): () => void {
  let live = true;
  void labelsHidden(tabId).then((hidden) => live && onChange(hidden));
  const unwatch = hiddenItem.watch((value) => onChange(parse(value).includes(tabId)));
  return () => {
    live = false;
    unwatch();
  };
}

/**
 * The background's handler for the extension's commands: Alt+Shift+L toggles the labels of the
 * tab it was pressed on, which Chrome (and Firefox since 86) pass with the command.
 */
export async function onCommand(command: string, tab?: { id?: number }): Promise<void> {
  if (command === LABELS_COMMAND && tab?.id !== undefined) await toggleLabels(tab.id);
}
