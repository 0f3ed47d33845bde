/**
 * The HTML mockup as the panel shows it: the page itself, frozen, on a page of the older web (a
 * layout table, a nav of images, a spacer GIF, an image as a data URL, loose text in a div, a
 * form, hostile-looking text, a banner far below the first screen). Every content region's
 * words are there, every image is pixels (the banner below the fold included), the plan's
 * declarations and nothing else change the page's styles, no markup from the page runs, and
 * private values never reach it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath, withExtension } from '@/test/e2e/harness';
import { contentRegions, regionContent } from '@/utils/core/plan/validate';
import { isPicture } from '@/utils/background/render/crops';
import { CritiqueRecord } from '@/utils/core/schemas/record';

const env = withExtension({ '/fixtures': join(import.meta.dirname, '../fixtures/pages') });
const HOSTILE = '<img src=x onerror=alert(1)>';

/** Per region id: the words its element shows, its tag, font size, and whether an image decoded. */
type Shown = Record<string, { count: number; text: string; tag: string; fontSize: string; decoded: boolean }>;

function readMockup(): { shown: Shown; images: { data: boolean; decoded: boolean }[]; scripts: number } {
  const shown: Shown = {};
  for (const el of document.querySelectorAll<HTMLElement>('[data-region]')) {
    const id = el.dataset.region!;
    const text =
      el instanceof HTMLImageElement
        ? el.alt
        : el instanceof HTMLInputElement
          ? el.type === 'checkbox' || el.type === 'radio'
            ? (el.labels?.[0]?.innerText ?? '')
            : el.value || el.placeholder
          : el instanceof HTMLSelectElement
            ? (el.selectedOptions[0]?.text ?? '')
            : el.innerText || (el.querySelector('img')?.alt ?? '');
    shown[id] = {
      count: (shown[id]?.count ?? 0) + 1,
      text: text.replace(/\s+/g, ' ').trim(),
      tag: el.localName,
      fontSize: getComputedStyle(el).fontSize,
      decoded: el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
    };
  }
  return {
    shown,
    images: [...document.images].map((img) => ({
      data: img.src.startsWith('data:image/'),
      decoded: img.complete && img.naturalWidth > 0,
    })),
    // Elements that run or embed, and handlers of any name.
    scripts:
      document.querySelectorAll('script, object, embed').length +
      [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
        .length,
  };
}

async function critique(fixture: string, mode: 'viewport' | 'full' = 'viewport') {
  const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/${fixture}`);
  const { record, artifacts } = await env.harness.runJob({ tabId, mode });
  const { draft } = CritiqueRecord.parse(record);
  return { page, tabId, draft, html: artifacts.mockup!.toString('utf8') };
}

describe('the HTML mockup', () => {
  it('in the panel: the page’s own layout, every region’s words, every image as pixels, the plan’s sizes, page markup inert', async () => {
    const { page, tabId, draft } = await critique('mockup-content.html');
    const dialogs: string[] = [];
    page.on('dialog', (d) => void dialogs.push(d.message()));
    const panel = await env.harness.openPanel(tabId);
    panel.on('dialog', (d) => void dialogs.push(d.message()));
    await panel.locator('[data-job-state=done]').waitFor();
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    expect(await panel.getByRole('tabpanel').count()).toBe(1);
    const line = await panel.getByTestId('content-check').textContent();
    expect(line).toMatch(
      /^(\d+)\/\1 regions, ([\d,]+)\/\2 words, (\d+)\/\3 images kept, 0 invented; layout: (\d+)\/\4 side-by-side pairs kept, height \d\.\d\d×, reading order kept \(passed\)$/,
    );

    const frameElement = await panel.locator('iframe.alternative__frame').elementHandle();
    const frame = (await frameElement!.contentFrame())!;
    await frame.waitForFunction(() => [...document.images].every((img) => img.complete));
    const read = await frame.evaluate(readMockup);
    // Laid out at the page's width (and scaled down to the panel's), as it was measured.
    expect(await frame.evaluate(() => innerWidth)).toBe(draft.extraction!.viewport.width);

    // Every content region once, showing its words.
    for (const region of contentRegions(draft.regions)) {
      const shown = read.shown[region.id];
      expect(shown?.count, `${region.id} ${region.kind}`).toBe(1);
      expect(shown!.text, `${region.id} text`).toContain(regionContent(region));
    }
    // Every image is pixels, the banner far below the first screen too (no longer a placeholder).
    const pictures = contentRegions(draft.regions).filter(isPicture);
    expect(pictures.map((r) => r.name)).toEqual(['Tomato seedlings in trays', 'Catalogue footer banner']);
    for (const picture of pictures) expect(read.shown[picture.id]!.decoded, picture.name).toBe(true);
    expect(read.images.length).toBeGreaterThanOrEqual(pictures.length);
    expect(read.images.filter((i) => !i.data || !i.decoded)).toEqual([]);
    expect(draft.notes.filter((n) => /mockup/.test(n))).toEqual([]);

    // The plan's font sizes, and only where the plan sets them: others keep the page's.
    const planned = new Map(draft.plan!.cssPatch.map((e) => [e.regionId, e.declarations['font-size']]));
    expect([...planned.values()].some(Boolean)).toBe(true);
    for (const region of contentRegions(draft.regions)) {
      const size = planned.get(region.id);
      const expected = size ?? `${region.style.fontSize}px`;
      if (size !== undefined && !/px$/.test(size)) continue;
      expect(read.shown[region.id]!.fontSize, `${region.id} font size`).toBe(expected);
    }

    // The hostile text is text; nothing runs.
    expect(await frame.locator('body').innerText()).toContain(HOSTILE);
    expect(read.scripts).toBe(0);
    expect(dialogs).toEqual([]);
    await panel.screenshot({ path: artifactPath('mockup-panel.png'), fullPage: true });
    await panel.locator('iframe.alternative__frame').screenshot({ path: artifactPath('mockup-frame.png') });
  });

  it('saved on its own: the same width as the page, self-contained, and runs nothing', async () => {
    const { draft, html } = await critique('mockup-content.html', 'full');
    expect(html).toMatch(
      /^<!doctype html><html[^>]*><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">/,
    );
    // No address the document could load from: every src is embedded data.
    expect(html).not.toMatch(/\ssrc="(?!data:)/);
    expect(html).not.toMatch(/<script|<iframe[^>]*\ssrc=/i);

    const viewer = await env.harness.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    viewer.on('pageerror', (e) => void errors.push(e.message));
    viewer.on('dialog', (d) => void errors.push(d.message()));
    viewer.on('request', (r) => void (r.url().startsWith('data:') || requests.push(r.url())));
    await viewer.setViewportSize({ width: draft.extraction!.viewport.width, height: 800 });
    await viewer.setContent(html);
    await viewer.waitForFunction(() => [...document.images].every((img) => img.complete));
    const read = await viewer.evaluate(readMockup);
    expect(read.scripts).toBe(0);
    for (const region of contentRegions(draft.regions))
      expect(read.shown[region.id]?.text, region.id).toContain(regionContent(region));
    expect(read.images.filter((i) => !i.data || !i.decoded)).toEqual([]);
    // The layout table keeps its nav column beside the content, as on the page.
    const nav = draft.regions.find((r) => r.name === 'Seeds')!;
    const heading = draft.regions.find((r) => r.kind === 'heading')!;
    const boxes = await viewer.evaluate(
      (ids) =>
        ids.map((id) => document.querySelector(`[data-region="${id}"]`)!.getBoundingClientRect().toJSON()),
      [nav.id, heading.id],
    );
    expect(boxes[0].right).toBeLessThanOrEqual(boxes[1].left);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => u !== 'about:blank')).toEqual([]);
    await viewer.screenshot({ path: artifactPath('mockup-full.png'), fullPage: true });
    await viewer.close();
  });

  it('keeps an image it cannot read as a grey box of its size, and says how many', async () => {
    const { draft, html } = await critique('mockup-unreadable-image.html');
    expect(draft.notes).toContain(
      '1 of 2 images and fonts in the mockup could not be read (refused, unreachable, too large or too slow); an image among them keeps its place as a grey box of its size.',
    );
    const viewer = await env.harness.context.newPage();
    await viewer.setContent(html);
    const images = await viewer.evaluate(() =>
      [...document.images].map((img) => ({
        alt: img.alt,
        decoded: img.complete && img.naturalWidth > 0,
        placeholder: atob(img.src.split(',')[1] ?? '').includes('restage-unread'),
        size: [img.width, img.height],
      })),
    );
    expect(images).toEqual([
      { alt: 'Navy square', decoded: true, placeholder: false, size: [160, 100] },
      { alt: 'A photo that is gone', decoded: true, placeholder: true, size: [160, 100] },
    ]);
    expect(draft.plan!.contentCheck.structure).toMatchObject({ pairsKept: expect.any(Number) });
    await viewer.close();
  });

  it('masks private values as the capture does: none of them reaches the mockup', async () => {
    const { draft, html } = await critique('password.html');
    expect(html).not.toContain('hunter2secret');
    expect(html).not.toContain('4242');
    expect(html).toContain('•••');
    // Public content is still there.
    expect(html).toContain('ada@example.com');
    expect(html).toContain('Internal note: launch date');
    const structure = draft.plan!.contentCheck.structure;
    expect(structure).not.toBeNull();
  });
});
