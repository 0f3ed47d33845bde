import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { advise } from '@/utils/core/measure/advice';
import { score } from '@/utils/core/measure/score';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { escapeHtml } from '@/utils/core/render/html';
import { findingLine, renderReport } from '@/utils/core/report/report';
import { topFindings } from '@/utils/core/report/topFindings';
import { type Finding } from '@/utils/core/schemas/finding';
import { Critique, SCHEMA_VERSION } from '@/utils/core/schemas/record';
import { verify } from '@/utils/core/verify/verify';
import { WHITE, button, heading, region, rgba } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };
const HOSTILE = '<img src=x onerror=alert(1)>&"';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

const regions = [
  button('r1', { tag: 'a', text: 'Home', landmark: 'nav', box: { width: 16, height: 16 } }),
  heading('r2', 2, 20, { box: { y: 80 } }),
  heading('r3', 3, 28, { box: { y: 120 } }),
  region('r4', { text: 'Plans for teams.', box: { y: 180 }, style: { color: rgba('#aaa') } }),
  button('r5', { box: { y: 220 }, style: { color: WHITE, background: rgba('#0a66c2') } }),
];

function critiqueOf(extra: Finding[] = []): Critique {
  const findings = [...advise(measure(regions, viewport), regions, viewport.height), ...extra];
  const { blueprint, contentCheck } = restage(regions, findings, viewport);
  return Critique.parse({
    schemaVersion: SCHEMA_VERSION,
    url: `https://example.com/?q=${HOSTILE}`,
    title: `Plans ${HOSTILE}`,
    engine: 'offline',
    mode: 'viewport',
    request: null,
    regions,
    findings,
    score: score(findings),
    blueprint,
    cssPatch: toCssPatch(blueprint, regions),
    contentCheck: {
      ...contentCheck,
      structure: { pairs: 4, pairsKept: 4, heightRatio: 1.02, outOfOrder: 0, orderKept: true },
    },
    coverage: null,
    timings: { regions: 30, measure: 4, capture: 120, plan: 2, render: 1, total: 157 },
    planner: null,
    imageRun: null,
    doNotTouch: [],
    imageCheck: null,
    verify: null,
    notes: [`note ${HOSTILE}`],
    errors: [],
  });
}

const hostileFinding: Finding = {
  id: 'hierarchy-9',
  title: `Title ${HOSTILE}`,
  detail: `detail ${HOSTILE}`,
  severity: 'major',
  category: 'hierarchy',
  basis: 'seen',
  regionIds: ['r4', 'r5'],
  confidence: 0.6,
};

describe('renderReport', () => {
  it('shows the score, every finding with its region badges, and the content check', () => {
    const critique = critiqueOf();
    expect(critique.findings.length).toBeGreaterThan(0);
    const html = renderReport({
      critique,
      images: { annotated: PNG, mockup: PNG },
      mockupFile: 'mockup.html',
    });
    expect(html).toContain(`<strong>${critique.score!.value}</strong> / 100`);
    for (const [category, value] of Object.entries(critique.score!.breakdown)) {
      expect(html).toContain(`<td>${category}</td><td>${value}</td>`);
    }
    for (const f of critique.findings) {
      const at = html.indexOf(`<h4>${escapeHtml(f.title)}</h4>`, html.indexOf('id="findings"'));
      expect(at).toBeGreaterThan(-1);
      const article = html.slice(at);
      const own = article.slice(0, article.indexOf('</article>'));
      for (const id of f.regionIds)
        expect(own).toContain(`<span class="badge" title="${id}">${id.slice(1)}</span>`);
      expect(own).toContain(`basis: ${f.basis}`);
      if (f.fix) expect(own).toContain(`<p class="fix"><strong>Fix:</strong> ${escapeHtml(f.fix)}</p>`);
      if (f.why) expect(own).toContain(escapeHtml(f.why));
    }
    expect(critique.findings.some((f) => f.fix && f.why)).toBe(true);
    expect(html).toContain(
      'Content check passed: the alternative keeps all 5 of 5 content regions (10 of 10 words), each exactly once, and adds none; layout: 4/4 side-by-side pairs kept, height 1.02×, reading order kept.',
    );
    expect(html).toContain(
      `<img class="shot" src="${PNG}" alt="Screenshot of the page with numbered regions"`,
    );
    expect(html).toContain(`<img class="shot" src="${PNG}" alt="Screenshot of the HTML mockup"`);
    expect(html).toContain('<a href="mockup.html">');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('not a conformance verdict');
    expect(html).toContain('a plan to check, not a fact');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
  });

  it('escapes hostile text everywhere and runs nothing', () => {
    const critique = critiqueOf([hostileFinding]);
    const html = renderReport({ critique, images: { annotated: PNG }, mockupFile: 'mockup.html' });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script|onerror=alert\(1\)>/);
    expect(html).toContain('<h4>Title &lt;img src=x onerror=alert(1)&gt;&amp;&quot;</h4>');
    expect(html).toContain('detail &lt;img src=x');
    expect(html).toContain('<li>note &lt;img src=x');
    expect(html).toContain('confidence 60%');
  });

  it('lists ignored findings apart, folded, with their reasons escaped, and not among the findings', () => {
    const critique = critiqueOf();
    const [first, ...rest] = critique.findings;
    const html = renderReport({
      critique: {
        ...critique,
        findings: rest,
        ignored: [{ finding: first!, reason: `brand ${HOSTILE}`, at: 1 }],
      },
      images: {},
    });
    expect(html).toContain(`<h2 id="findings">All findings (${rest.length})</h2>`);
    expect(html).toContain('<details><summary>Ignored (1)</summary>');
    expect(html).toContain(`${escapeHtml(first!.title)} <span class="meta">`);
    expect(html).toContain('reason: brand &lt;img src=x');
    expect(html).not.toContain('<img src=x');
    expect(renderReport({ critique, images: {} })).not.toContain('Ignored (');
  });

  it('says when a finding was measured from the pixels of an image', () => {
    const pixels: Finding = {
      ...hostileFinding,
      id: 'image-text-1',
      title: "'Spring sale banner' has text below WCAG AA",
      basis: 'measured',
      source: 'pixels',
      category: 'contrast',
    };
    const html = renderReport({ critique: critiqueOf([pixels]), images: {}, mockupFile: 'mockup.html' });
    expect(html).toContain('basis: measured (from pixels)');
    // Only that finding's cards (in the summary and in the list) carry the label.
    const cards = html.split('<article').slice(1);
    const labelled = cards.filter((card) => card.includes('(from pixels)'));
    expect(labelled.length).toBeGreaterThan(0);
    for (const card of labelled) expect(card).toContain('Spring sale banner');
  });

  it('does not say passed when the words are kept but the mockup loses the layout', () => {
    const critique = critiqueOf();
    critique.contentCheck = {
      ...critique.contentCheck!,
      structure: { pairs: 10, pairsKept: 1, heightRatio: 2.4, outOfOrder: 0, orderKept: true },
    };
    const html = renderReport({ critique, images: { annotated: PNG }, mockupFile: 'mockup.html' });
    expect(html).toContain(
      'Content check not passed: the alternative keeps all 5 of 5 content regions (10 of 10 words), each exactly once, and adds none, but the mockup loses the page’s structure (1/10 side-by-side pairs kept, height 2.40×, reading order kept).',
    );
    expect(html).toContain('class="fail"');
  });

  it('says plainly when the content check fails, naming the ids', () => {
    const critique = critiqueOf();
    critique.contentCheck = {
      regions: 5,
      kept: 4,
      words: 40,
      wordsKept: 31,
      images: 0,
      imagesKept: 0,
      missing: ['r4'],
      duplicated: ['r2'],
      invented: ['r77'],
      structure: null,
    };
    const html = renderReport({ critique, images: { annotated: PNG }, mockupFile: 'mockup.html' });
    expect(html).toContain(
      'Content check failed (content changed: 9 of 40 words dropped; missing r4; duplicated r2; invented r77): the alternative does not show the same content.',
    );
    expect(html).toContain('class="fail"');
  });

  it('links only relative files and embeds only image data URLs', () => {
    const critique = critiqueOf();
    const html = renderReport({
      critique,
      images: {
        annotated: 'https://evil.test/x.png',
        before: 'data:text/html;base64,PHNjcmlwdD4=',
        after: '//evil.test/a.png',
        generated: 'javascript:alert(1)',
        mockup: '//evil.test/m.png',
      },
      mockupFile: 'javascript:alert(1)',
    });
    expect(html).not.toMatch(/evil\.test|javascript:|data:text/);
    expect(html).not.toMatch(/<iframe|<img/);
    expect(html).toContain('No screenshot was captured.');
  });
});

describe('renderReport with a verification', () => {
  it('shows the groups, the region counts and the score over the same regions, escaped', () => {
    const before = critiqueOf([hostileFinding]);
    const later = regions.filter((r) => r.id !== 'r4');
    const laterFindings = measure(later, viewport);
    const result = verify(before, {
      regions: later,
      findings: laterFindings,
      score: score(laterFindings),
      blueprint: null,
    });
    const html = renderReport({
      critique: { ...before, verify: result },
      images: { annotated: PNG },
      mockupFile: 'mockup.html',
    });
    expect(html).toContain('<h2 id="verify">Verification</h2>');
    expect(html).toContain(
      `${result.resolved.length} resolved · ${result.still.length} still · ${result.new.length} new · ${result.gone.length} gone`,
    );
    expect(html).toContain('4 of 5 regions matched · 1 gone · 0 new');
    expect(html).toMatch(/over the same regions \d+ → \d+, (better|worse|unchanged)/);
    for (const title of ['Resolved', 'Still present', 'New', 'Gone', 'Not re-checked'])
      expect(html).toContain(`<h3>${title} (`);
    expect(html).toContain(`<h3>Not re-checked (1)`);
    expect(html).toContain(escapeHtml(hostileFinding.title));
    expect(html).not.toContain(hostileFinding.title);
  });
});

describe('findings in plain lines', () => {
  it('lists the three that cost the most score, each as its title and fix', () => {
    const findings = critiqueOf().findings;
    const top = topFindings(findings);
    expect(top.length).toBe(Math.min(3, findings.filter((f) => f.severity !== 'info').length));
    for (const f of top) expect(findingLine(f)).toBe(`${f.title}. Fix: ${f.fix}`);
  });
});
