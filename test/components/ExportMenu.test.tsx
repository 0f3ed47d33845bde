// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ExportMenu } from '@/components/export/ExportMenu';
import { CRITIQUE_STAGE_NAMES, emptyRecord } from '@/utils/core/jobs/record';
import type { CritiqueRecord } from '@/utils/core/schemas/record';

const record = (): CritiqueRecord => {
  const r = emptyRecord(
    'c1',
    {
      tabId: 4,
      url: 'https://example.test/pricing',
      title: 'Pricing',
      mode: 'viewport',
      request: null,
      kind: 'critique',
      against: null,
      preview: false,
    },
    CRITIQUE_STAGE_NAMES,
    Date.UTC(2026, 11, 5),
  );
  r.job.state = 'done';
  return r;
};

let writeText: ReturnType<typeof vi.fn>;
beforeEach(() => {
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Restage',
    version: '1.2.3',
  });
  writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const toggle = () => screen.getByRole('button', { name: 'Export' });

describe('ExportMenu', () => {
  it('opens and closes as a disclosure; Escape closes it and gives focus back', () => {
    render(<ExportMenu record={record()} check={null} />);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    const item = screen.getByRole('button', { name: 'Copy as issue' });
    item.focus();
    fireEvent.keyDown(item, { key: 'Escape' });
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle());
  });

  it('says why an export is not available for this record', () => {
    render(<ExportMenu record={record()} check={null} />);
    fireEvent.click(toggle());
    expect(screen.getByRole('button', { name: 'Copy CSS' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Not available: no plan with CSS')).toBeTruthy();
    expect(screen.getByText('Not available: no images saved')).toBeTruthy();
    expect(screen.getByText('Not available: no mockup saved')).toBeTruthy();
  });

  it('copies the issue and says so, with the manifest’s version in the text', async () => {
    render(<ExportMenu record={record()} check={null} />);
    fireEvent.click(toggle());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy as issue' })));
    expect(screen.getByRole('status').textContent).toBe(
      'Copied the issue “Visual hierarchy: 0 findings on Pricing (score no score)” with 0 findings and their fixes.',
    );
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(String(writeText.mock.calls[0]![0])).toContain('Generated with Restage 1.2.3');
    expect(document.activeElement).toBe(toggle());
  });

  it('forgets what it said when it is given another record', async () => {
    const view = render(<ExportMenu record={record()} check={null} />);
    fireEvent.click(toggle());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy as issue' })));
    expect(screen.queryByRole('status')).not.toBeNull();
    view.rerender(<ExportMenu record={{ ...record(), id: 'c2' }} check={null} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says plainly when the browser refuses the clipboard', async () => {
    writeText.mockRejectedValue(new DOMException('Document is not focused.', 'NotAllowedError'));
    render(<ExportMenu record={record()} check={null} />);
    fireEvent.click(toggle());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy as issue' })));
    expect(screen.getByRole('alert').textContent).toBe('Copy as issue failed: Document is not focused.');
    expect(document.activeElement).toBe(toggle());
  });
});
