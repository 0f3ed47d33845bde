/**
 * The HTML mockup as the panel shows it, on a page of the older web (a layout table, a nav of
 * images, a spacer GIF, an image as a data URL, loose text in a div, a form, hostile-looking
 * text): every content region once with its whole text, every image the capture holds as
 * pixels and the others as a marked place, nothing else, and no markup from the page run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath, withExtension } from './harness';
import { contentRegions, regionContent } from '@/utils/plan/validate';
import { isPicture } from '@/utils/render/crops';
import { CritiqueRecord, type Region } from '@/utils/schemas';

const env = withExtension({ '/fixtures': join(import.meta.dirname, '../fixtures/pages') });
const HOSTILE = '<img src=x onerror=alert(1)>';

/** Per region id: how many elements carry it, what they show, and whether an image decoded. */
type Shown = Record<string, { count: number; text: string; tag: string; decoded: boolean }>;

function readMockup(): { shown: Shown; stray: string; images: number; foreign: number } {
  const shown: Shown = {};
  for (const el of document.querySelectorAll<HTMLElement>('[data-region]')) {
    const id = el.dataset.region!;
    const text =
      el instanceof HTMLImageElement
        ? el.alt
        : el instanceof HTMLInputElement
          ? el.value || el.placeholder
          : el instanceof HTMLSelectElement
            ? (el.selectedOptions[0]?.text ?? '')
            : (el.getAttribute('aria-label') ?? el.textContent ?? '');
    const decoded = el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0;
    const seen = shown[id];
    shown[id] = {
      count: (seen?.count ?? 0) + 1,
      text: text.replace(/\s+/g, ' ').trim(),
      tag: el.localName,
      decoded,
    };
  }
  const rest = document.body.cloneNode(true) as HTMLElement;
  for (const el of rest.querySelectorAll('[data-region]')) el.remove();
  return {
    shown,
    stray: (rest.textContent ?? '').trim(),
    images: document.images.length,
    foreign: document.querySelectorAll('img:not([data-region]), script, iframe, object').length,
  };
}

async function critique(mode: 'viewport' | 'full') {
  const { page, tabId } = await env.harness.openTab(`${env.server.origin}/fixtures/mockup-content.html`);
  const { record, artifacts } = await env.harness.runJob({ tabId, mode });
  const { draft } = CritiqueRecord.parse(record);
  return { page, tabId, draft, html: artifacts.mockup!.toString('utf8') };
}

function expectEveryRegionOnce(regions: readonly Region[], read: ReturnType<typeof readMockup>) {
  for (const region of contentRegions(regions)) {
    const shown = read.shown[region.id];
    expect(shown?.count, `${region.id} ${region.kind}`).toBe(1);
    expect(shown!.text, `${region.id} text`).toBe(regionContent(region));
  }
  expect(read.stray).toBe('');
  expect(read.foreign).toBe(0);
}

describe('the HTML mockup', () => {
  it('in the panel: every region once with its whole text, images as pixels or a marked place, page markup inert', async () => {
    const { page, tabId, draft } = await critique('viewport');
    const dialogs: string[] = [];
    page.on('dialog', (d) => void dialogs.push(d.message()));
    const panel = await env.harness.openPanel(tabId);
    panel.on('dialog', (d) => void dialogs.push(d.message()));
    await panel.locator('[data-job-state=done]').waitFor();
    await panel.getByRole('tab', { name: 'Alternative' }).click();
    // One view at a time: the others stay mounted, hidden.
    expect(await panel.getByRole('tabpanel').count()).toBe(1);
    expect(await panel.getByRole('tabpanel').getAttribute('aria-labelledby')).toMatch(/alternative/i);
    const line = await panel.getByTestId('content-check').textContent();
    expect(line).toMatch(/^(\d+)\/\1 regions, ([\d,]+)\/\2 words, (\d+)\/\3 images kept, 0 invented$/);

    const frameElement = await panel.locator('iframe.alternative__frame').elementHandle();
    const frame = (await frameElement!.contentFrame())!;
    await frame.waitForFunction(() => [...document.images].every((img) => img.complete));
    const read = await frame.evaluate(readMockup);
    expectEveryRegionOnce(draft.regions, read);

    // Pictures the viewport capture holds are cut from it; the banner far below keeps its place.
    const pictures = contentRegions(draft.regions).filter(isPicture);
    const below = pictures.filter((r) => r.box.y >= draft.shot!.area.y + draft.shot!.area.height);
    expect(pictures.map((r) => r.name)).toEqual(['Tomato seedlings in trays', 'Catalogue footer banner']);
    // A link made of an image is a control named by the image: drawn as a link with that name.
    for (const name of ['Seeds', 'Tools'])
      expect(Object.values(read.shown)).toContainEqual(expect.objectContaining({ tag: 'span', text: name }));
    expect(below.map((r) => r.name)).toEqual(['Catalogue footer banner']);
    for (const picture of pictures) {
      const shown = read.shown[picture.id]!;
      expect(shown.tag, picture.name).toBe(below.includes(picture) ? 'div' : 'img');
      if (!below.includes(picture)) expect(shown.decoded, picture.name).toBe(true);
    }
    expect(read.images).toBe(pictures.length - below.length);
    expect(draft.notes).toContain(
      `1 of ${pictures.length} images lie outside the screenshot; the mockup keeps their place and alt text.`,
    );
    // The spacer is not a region; the select shows its chosen option; the hostile text is text.
    expect(draft.regions.some((r) => r.kind === 'media' && r.box.width <= 1)).toBe(false);
    expect(Object.values(read.shown).some((s) => s.tag === 'select' && s.text === 'Beefsteak')).toBe(true);
    expect(await frame.locator('body').innerText()).toContain(HOSTILE);
    expect(dialogs).toEqual([]);
    await panel.screenshot({ path: artifactPath('mockup-panel.png'), fullPage: true });
    await panel.locator('iframe.alternative__frame').screenshot({ path: artifactPath('mockup-frame.png') });
  });

  it('from a full-page capture: every image is embedded, and the saved mockup runs nothing', async () => {
    const { draft, html } = await critique('full');
    const pictures = contentRegions(draft.regions).filter(isPicture);
    expect(html.match(/<img /g)).toHaveLength(pictures.length);
    expect(draft.notes.filter((n) => /images lie outside/.test(n))).toEqual([]);

    // The saved document on its own, as an export would open it.
    const viewer = await env.harness.context.newPage();
    const errors: string[] = [];
    viewer.on('pageerror', (e) => void errors.push(e.message));
    viewer.on('dialog', (d) => void errors.push(d.message()));
    await viewer.setContent(html);
    await viewer.waitForFunction(() => [...document.images].every((img) => img.complete));
    const read = await viewer.evaluate(readMockup);
    expectEveryRegionOnce(draft.regions, read);
    expect(Object.values(read.shown).filter((s) => s.tag === 'img' && !s.decoded)).toEqual([]);
    expect(errors).toEqual([]);
    await viewer.screenshot({ path: artifactPath('mockup-full.png'), fullPage: true });
    await viewer.close();
  });
});
