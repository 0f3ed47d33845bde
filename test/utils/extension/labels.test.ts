import { storage } from '#imports';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sendMessage } from '@/utils/messaging/protocol';
import {
  labelsHidden,
  onCommand,
  setLabelsHidden,
  toggleLabels,
  watchLabels,
} from '@/utils/extension/labels';
import { LABELS_COMMAND } from '@/utils/core/constants';

vi.mock('@/utils/messaging/protocol', () => ({ sendMessage: vi.fn(async () => undefined) }));
const sent = vi.mocked(sendMessage);

beforeEach(() => sent.mockClear());

describe('Hide labels', () => {
  it('is kept per tab, and each change is sent to that tab’s page', async () => {
    await setLabelsHidden(3, true);
    expect(await labelsHidden(3)).toBe(true);
    expect(await labelsHidden(4)).toBe(false);
    expect(sent).toHaveBeenLastCalledWith('setLabels', { shown: false }, 3);
    expect(await toggleLabels(3)).toBe(false);
    expect(await labelsHidden(3)).toBe(false);
    expect(sent).toHaveBeenLastCalledWith('setLabels', { shown: true }, 3);
  });

  it('holds when the page cannot be told (no critique there yet)', async () => {
    sent.mockRejectedValueOnce(new Error('Could not establish connection'));
    await setLabelsHidden(5, true);
    expect(await labelsHidden(5)).toBe(true);
  });

  it('toggles in turn: two quick presses end where they began', async () => {
    await Promise.all([toggleLabels(6), toggleLabels(6)]);
    expect(await labelsHidden(6)).toBe(false);
    expect(sent.mock.calls.map((call) => call[1])).toEqual([{ shown: false }, { shown: true }]);
  });

  it('reads anything malformed in storage as labels shown', async () => {
    await storage.setItem('session:hiddenLabels', { 3: true });
    expect(await labelsHidden(3)).toBe(false);
    await setLabelsHidden(3, true);
    expect(await labelsHidden(3)).toBe(true);
  });

  it('tells a watcher the state now and on every change of its tab', async () => {
    await setLabelsHidden(7, true);
    const seen: boolean[] = [];
    const unwatch = watchLabels(7, (hidden) => seen.push(hidden));
    await vi.waitFor(() => expect(seen).toEqual([true]));
    await setLabelsHidden(7, false);
    await vi.waitFor(() => expect(seen).toEqual([true, false]));
    unwatch();
    await setLabelsHidden(7, true);
    expect(seen).toEqual([true, false]);
  });
});

describe('the command handler', () => {
  it('toggles the labels of the tab the shortcut was pressed on', async () => {
    await onCommand(LABELS_COMMAND, { id: 9 });
    expect(await labelsHidden(9)).toBe(true);
    await onCommand(LABELS_COMMAND, { id: 9 });
    expect(await labelsHidden(9)).toBe(false);
  });

  it('ignores other commands, and a command with no tab', async () => {
    await onCommand('something-else', { id: 9 });
    await onCommand(LABELS_COMMAND);
    expect(await labelsHidden(9)).toBe(false);
    expect(sent).not.toHaveBeenCalled();
  });
});
