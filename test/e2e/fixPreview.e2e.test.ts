import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Finding } from '@/utils/core/schemas/finding';
import { type CssPatch } from '@/utils/core/schemas/plan';
import { CritiqueRecord } from '@/utils/core/schemas/record';
import { type Region } from '@/utils/core/schemas/region';
import { artifactPath, critiqueInPanel, DEMO_DIR, withExtension } from '@/test/e2e/harness';

const env = withExtension({ '/demo': DEMO_DIR });

/** `#1a2b3c` → `rgb(26, 43, 60)`, as getComputedStyle writes an opaque colour. */
const rgb = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
};

/** What getComputedStyle reads back for a declaration, where that is the value itself; else null. */
function computedOf(property: string, value: string): string | null {
  if (/color$/.test(property) && /^#[0-9a-f]{6}$/i.test(value)) return rgb(value);
  if (/^(font-size|padding-|margin-)/.test(property) && /^\d+(\.\d+)?px$/.test(value)) return value;
  if (property === 'font-weight') return value;
  return null;
}

interface Probe {
  selector: string;
  property: string;
  expected: string;
}

/** The declarations of a fix patch the test can read back, one per region and property. */
function probes(patch: CssPatch, regions: readonly Region[]): Probe[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  return patch.flatMap(({ regionId, declarations }) =>
    Object.entries(declarations).flatMap(([property, value]) => {
      const expected = computedOf(property, value ?? '');
      const selector = byId.get(regionId)?.selector;
      return expected && selector ? [{ selector, property, expected }] : [];
    }),
  );
}

const read = (page: Page, list: readonly Probe[]) =>
  page.evaluate(
    (items) =>
      items.map(({ selector, property }) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el).getPropertyValue(property) : 'missing';
      }),
    list.map(({ selector, property }) => ({ selector, property })),
  );

const marks = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-restage-preview]').length);

describe('Preview this fix', () => {
  it('puts only that finding’s declarations on the page, clears them, and works again', async () => {
    const { page, tabId } = await env.harness.openTab(`${env.server.origin}/demo/demo.html`);
    const panel = await env.harness.openPanel(tabId);
    const jobId = await critiqueInPanel(panel);
    const record = CritiqueRecord.parse(await env.harness.askBackground('getRecord', { jobId }));
    const { regions, findings } = record.draft;

    // Two findings whose fixes restyle different regions, each with values the test can read back.
    const fixable = findings.filter(
      (f) => (f.fixPatch?.length ?? 0) > 0 && probes(f.fixPatch ?? [], regions).length > 0,
    );
    const touched = (f: Finding) => new Set(f.fixPatch?.map((e) => e.regionId));
    const a = fixable[0];
    const apart = (f: Finding) => f !== a && [...touched(f)].every((id) => !touched(a!).has(id));
    // Another kind of finding when there is one, so two different fixes are put on the page.
    const b = fixable.find((f) => apart(f) && f.rule !== a?.rule) ?? fixable.find(apart);
    expect(a, `findings with a fix: ${findings.map((f) => f.rule).join(', ')}`).toBeDefined();
    expect(b).toBeDefined();
    const probesA = probes(a!.fixPatch ?? [], regions);
    const probesB = probes(b!.fixPatch ?? [], regions);
    const baseA = await read(page, probesA);
    const baseB = await read(page, probesB);
    // Each fix changes something the page shows now.
    expect(baseA).not.toEqual(probesA.map((p) => p.expected));
    expect(baseB).not.toEqual(probesB.map((p) => p.expected));

    // Notes are folded: open them so every card's button can be pressed.
    const notes = panel.getByTestId('finding-notes');
    if (await notes.count()) await notes.locator('summary').click();
    const button = (f: Finding) =>
      panel.locator(`li[data-finding="${f.id}"]`).getByRole('button', { name: 'Preview this fix' });

    const showsOnly = async (on: Finding, off: Finding) => {
      const [onProbes, offProbes, offBase] = on === a ? [probesA, probesB, baseB] : [probesB, probesA, baseA];
      await expect.poll(() => read(page, onProbes)).toEqual(onProbes.map((p) => p.expected));
      expect(await read(page, offProbes), `${off.id} untouched while ${on.id} is previewed`).toEqual(offBase);
      // The button shows pressed once the page has answered, a moment after the styles land.
      await expect.poll(() => button(on).getAttribute('aria-pressed')).toBe('true');
      expect(await button(off).getAttribute('aria-pressed')).toBe('false');
    };
    const cleared = async () => {
      await expect.poll(() => marks(page)).toBe(0);
      expect(await read(page, probesA)).toEqual(baseA);
      expect(await read(page, probesB)).toEqual(baseB);
    };

    await button(a!).click();
    await showsOnly(a!, b!);
    await panel.locator(`li[data-finding="${a!.id}"]`).screenshot({ path: artifactPath('finding-card.png') });
    await button(a!).click();
    await cleared();

    await button(b!).click();
    await showsOnly(b!, a!);
    await button(b!).click();
    await cleared();

    // The same fix a second time, then straight to the other one: it replaces the first.
    await button(b!).click();
    await showsOnly(b!, a!);
    await button(a!).click();
    await showsOnly(a!, b!);
    await button(a!).click();
    await cleared();
    console.log(
      `previewed ${a!.rule} (${probesA.length} declarations) and ${b!.rule} (${probesB.length}) on the demo page`,
    );
  });
});
