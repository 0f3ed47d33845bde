import { describe, expect, it } from 'vitest';
import { measure } from '@/utils/core/measure';
import { advise } from '@/utils/core/measure/advice';
import { score } from '@/utils/core/measure/score';
import { toCssPatch } from '@/utils/core/plan/cssPatch';
import { restage } from '@/utils/core/plan/restage';
import { planStylesheet, patchCss } from '@/utils/core/report/exportCss';
import {
  critiqueHtml,
  critiqueMarkdown,
  exportFileName,
  issueText,
  md,
} from '@/utils/core/report/exportText';
import { numberedFindings } from '@/utils/core/report/findingNumbers';
import { type Finding } from '@/utils/core/schemas/finding';
import { Critique, SCHEMA_VERSION } from '@/utils/core/schemas/record';
import { WHITE, button, heading, region, rgba } from '@/test/fixtures/regions';

const viewport = { width: 1280, height: 800 };
const HOSTILE = '<img src=x onerror=alert(1)>*/ [x](javascript:1)';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const AT = Date.UTC(2026, 11, 5, 6, 0);

const regions = [
  button('r1', { tag: 'a', text: 'Home', landmark: 'nav', box: { width: 16, height: 16 } }),
  heading('r2', 2, 20, { box: { y: 80 } }),
  heading('r3', 3, 28, { box: { y: 120 } }),
  region('r4', { text: 'Plans for teams.', box: { y: 180 }, style: { color: rgba('#aaa') } }),
  button('r5', { box: { y: 220 }, style: { color: WHITE, background: rgba('#0a66c2') } }),
];

const hostile: Finding = {
  id: 'model-1',
  title: `Title ${HOSTILE}`,
  detail: `detail ${HOSTILE}`,
  severity: 'major',
  category: 'hierarchy',
  basis: 'seen',
  regionIds: ['r4'],
  confidence: 0.6,
};

function critiqueOf(extra: Finding[] = []): Critique {
  const findings = [...advise(measure(regions, viewport), regions, viewport.height), ...extra];
  const { blueprint, contentCheck } = restage(regions, findings, viewport);
  return Critique.parse({
    schemaVersion: SCHEMA_VERSION,
    url: 'https://example.com/pricing?plan=team',
    title: `Plans ${HOSTILE}`,
    engine: 'offline',
    mode: 'viewport',
    request: null,
    regions,
    findings,
    score: score(findings),
    blueprint,
    cssPatch: toCssPatch(blueprint, regions),
    contentCheck: { ...contentCheck, structure: null },
    coverage: null,
    timings: {},
    planner: null,
    imageRun: null,
    doNotTouch: [],
    imageCheck: null,
    verify: null,
    notes: [],
    errors: [],
  });
}

const input = (critique: Critique) => ({
  critique,
  version: '9.8.7',
  createdAt: AT,
  annotatedFile: 'restage-example-com-pricing-2026-12-05-annotated.png',
});

describe('numberedFindings', () => {
  it('numbers findings worst first, 1 to n, keeping the order within a severity', () => {
    const critique = critiqueOf([hostile]);
    const numbered = numberedFindings(critique.findings);
    expect(numbered.map((x) => x.n)).toEqual(critique.findings.map((_, i) => i + 1));
    const order = ['critical', 'major', 'minor', 'info'];
    const ranks = numbered.map((x) => order.indexOf(x.finding.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('critiqueMarkdown', () => {
  it('lists every finding with its number, regions, fix and basis, and references the annotated image', () => {
    const critique = critiqueOf();
    expect(critique.findings.length).toBeGreaterThan(2);
    const text = critiqueMarkdown(input(critique));
    expect(text).toContain(`Score: **${Math.round(critique.score!.value)}/100**`);
    expect(text).toContain('](restage-example-com-pricing-2026-12-05-annotated.png)');
    for (const { n, finding } of numberedFindings(critique.findings)) {
      const line = text.split('\n').find((l) => l.startsWith(`${n}. **`));
      expect(line, `finding ${n}`).toBeDefined();
      for (const id of finding.regionIds) expect(line).toContain(id);
      const block = text.slice(text.indexOf(line!)).split('\n\n')[0]!;
      expect(block).toContain(`Basis: ${finding.basis}`);
      if (finding.fix) expect(block).toContain('Fix: ');
    }
    expect(text.trimEnd().endsWith('Generated with Restage 9.8.7')).toBe(true);
  });

  it('escapes page and model text so it cannot become a link, an image or HTML', () => {
    const text = critiqueMarkdown(input(critiqueOf([hostile])));
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).not.toContain('[x](javascript');
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
  });

  it('states the check when one is exported with the critique', () => {
    const critique = critiqueOf();
    const first = critique.findings[0]!;
    critique.verify = {
      scoreBefore: 61,
      scoreAfter: 88,
      scoreAfterMatched: 87,
      resolved: [{ ...first }],
      still: [],
      new: [],
      gone: [],
      notRechecked: [],
      intents: [],
      matched: {
        before: 5,
        after: 5,
        byKey: 5,
        byText: 0,
        byPosition: 0,
        unmatched: [],
        matched: 5,
        gone: 0,
        added: 0,
      },
    } as unknown as Critique['verify'];
    const text = critiqueMarkdown(input(critique));
    expect(text).toContain(
      'After: 88/100 (87/100 over the same regions): 1 resolved, 0 still, 0 new, 0 gone.',
    );
    expect(text).toContain('Check: resolved');
  });
});

describe('md', () => {
  it('escapes what could start markup mid-line, keeps entities as written, and reads as plain text otherwise', () => {
    expect(md('Set #555 (7.46:1) on **white**')).toBe('Set #555 (7.46:1) on \\*\\*white\\*\\*');
    expect(md('a &lt;b&gt; & c')).toBe('a \\&lt;b\\&gt; & c');
    expect(md('![x](y) <https://e.test> ~~gone~~ a|b `c`')).toBe(
      '!\\[x\\](y) \\<https://e.test\\> \\~\\~gone\\~\\~ a\\|b \\`c\\`',
    );
    expect(md('two\n\nlines')).toBe('two lines');
  });
});

describe('critiqueHtml', () => {
  it('carries the annotated image inline and escapes every string', () => {
    const html = critiqueHtml({ ...input(critiqueOf([hostile])), annotatedDataUrl: PNG });
    expect(html).toContain(`<img src="${PNG}"`);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x');
    expect((html.match(/<li value="/g) ?? []).length).toBe(critiqueOf([hostile]).findings.length);
  });

  it('drops an image that is not a data URL', () => {
    const html = critiqueHtml({ ...input(critiqueOf()), annotatedDataUrl: 'https://evil.example/x.png' });
    expect(html).not.toContain('evil.example');
  });

  it('links the page only when its address is a web page or a file, as a critique.json could say otherwise', () => {
    const html = (url: string) =>
      critiqueHtml({ ...input({ ...critiqueOf(), url }), annotatedDataUrl: null });
    expect(html('https://example.com/a?b=1&c=2')).toContain(
      '<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>',
    );
    expect(html('file:///tmp/page.html')).toContain('<a href="file:///tmp/page.html">');
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>x</script>']) {
      expect(html(url)).not.toMatch(/<a /);
      expect(html(url)).not.toMatch(/<script/);
    }
  });
});

describe('issueText', () => {
  it('has a title, a summary, before and after, and each finding with its fix and its CSS', () => {
    const critique = critiqueOf();
    const issue = issueText(input(critique));
    const toFix = critique.findings.filter((f) => f.severity !== 'info');
    expect(issue.title).toContain(`${toFix.length} finding`);
    expect(issue.title).toContain(`score ${Math.round(critique.score!.value)}/100`);
    expect(issue.text.startsWith('# Visual hierarchy:')).toBe(true);
    expect(issue.body).toContain('## Summary');
    expect(issue.body).toContain('## Before and after');
    expect(issue.body).toContain('After: not checked yet');
    const withCss = toFix.filter((f) => (f.fixPatch?.length ?? 0) > 0);
    expect(withCss.length).toBeGreaterThan(0);
    for (const f of withCss) {
      const css = patchCss(critique.regions, f.fixPatch!);
      expect(css.length).toBeGreaterThan(0);
      // Written for people: what changes, without the preview's means of winning.
      expect(css).not.toMatch(/!important|restage-preview/);
      expect(issue.body).toContain(css);
      for (const { regionId } of f.fixPatch!)
        expect(css).toContain(regions.find((r) => r.id === regionId)!.selector);
    }
    expect(issue.body.trimEnd().endsWith('_Generated with Restage 9.8.7_')).toBe(true);
  });
});

describe('planStylesheet', () => {
  it('writes one rule per patched region with its selector, under a comment naming its findings', () => {
    const critique = critiqueOf([hostile]);
    const sheet = planStylesheet(critique);
    const patched = critique.cssPatch!.filter((p) => Object.keys(p.declarations).length > 0);
    expect(sheet.rules).toBe(patched.length);
    const numbered = numberedFindings(critique.findings);
    for (const { regionId } of patched) {
      const selector = regions.find((r) => r.id === regionId)!.selector;
      const at = sheet.css.indexOf(`/* ${regionId}: `);
      expect(at).toBeGreaterThan(-1);
      const comment = sheet.css.slice(at, sheet.css.indexOf('*/', at));
      for (const { n } of numbered.filter((x) => x.finding.regionIds.includes(regionId)))
        expect(comment).toContain(`#${n} `);
      expect(sheet.css.slice(sheet.css.indexOf('*/', at) + 3).startsWith(selector)).toBe(true);
    }
    // As the preview writes it, so that pasted on the page it wins as the preview did.
    expect(sheet.css).toContain(':not(#restage-preview)');
    expect(sheet.css).toContain('!important');
    // Page text cannot end a comment early: every `/*` has its own `*/`.
    const opened = sheet.css.split('/*').length - 1;
    expect(sheet.css.split('*/').length - 1).toBe(opened);
  });

  it('leaves out, and names, regions a page stylesheet cannot reach', () => {
    const critique = critiqueOf();
    const target = critique.cssPatch!.find((p) => Object.keys(p.declarations).length > 0)!.regionId;
    critique.regions = critique.regions.map((r) =>
      r.id === target ? { ...r, selector: 'my-widget >>> .title' } : r,
    );
    const sheet = planStylesheet(critique);
    expect(sheet.skipped).toEqual([target]);
    expect(sheet.css).not.toContain('>>>');
    expect(sheet.css).toContain(`Left out: ${target}`);
  });
});

describe('exportFileName', () => {
  it('names a file after the page and the day', () => {
    expect(exportFileName('https://Example.com/pricing/team?x=1', AT, 'annotated', 'png')).toBe(
      'restage-example-com-pricing-team-2026-12-05-annotated.png',
    );
    expect(exportFileName('http://127.0.0.1:4173/', AT, 'report', 'html')).toBe(
      'restage-127-0-0-1-4173-2026-12-05-report.html',
    );
    expect(exportFileName('not a url', AT, 'critique', 'json')).toBe(
      'restage-not-a-url-2026-12-05-critique.json',
    );
  });
});
