/**
 * axe-core's `color-contrast` rule (WCAG 1.4.3) run on a page, its results mapped onto
 * Restage's regions: each axe node belongs to the innermost region whose element holds it.
 * axe is the outside reference here; it never runs inside the extension.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkContrast, type Outcome } from '@/utils/core/measure/contrast';
import { structuralIds } from '@/utils/core/measure/layout';
import type { Region } from '@/utils/core/schemas/region';
import { ROOT } from '@/test/e2e/harness';

export type AxeOutcome = 'violation' | 'incomplete' | 'pass';

export interface AxeNode {
  outcome: AxeOutcome;
  /** axe's reason for an incomplete or failed check, e.g. `bgImage`, `bgOverlap`. */
  reason: string | null;
  ratio: number | null;
  target: string;
  /** The region holding the node, or null. */
  regionId: string | null;
  /** The element's id, for naming cases in fixtures. */
  elementId: string;
  /** The colors axe compared, as hex. */
  colors: string;
  /** The element's text and box, to name cases no region holds. */
  text: string;
  width: number;
  height: number;
  /** Inside an aria-hidden subtree. */
  ariaHidden: boolean;
}

export interface Comparison {
  regionId: string;
  text: string;
  restage: Outcome;
  /** Restage's reason, e.g. "not text in a human language". */
  why: string;
  required: number;
  /** The worst axe outcome among the region's nodes (violation, then incomplete, then pass). */
  axe: AxeOutcome | null;
  reasons: string[];
  elementIds: string[];
  ratio: number | null;
  axeRatio: number | null;
  /** The texts of axe's nodes in the region, and whether all of them are aria-hidden. */
  nodeTexts: string[];
  ariaHidden: boolean;
}

export type Verdict = 'agree' | 'review-vs-incomplete' | 'disagree';

export const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

export async function axeNodes(page: Page, regions: readonly Region[]): Promise<AxeNode[]> {
  await page.addScriptTag({ path: AXE });
  // No named functions inside: tsx (the benchmark and scripts) would wrap them in a helper
  // that does not exist in the page.
  return page
    .evaluate(
      async (selectors) => {
        const regionEls = selectors.map((selector) => {
          let root: Document | ShadowRoot | null = document;
          let found: Element | null = null;
          for (const segment of selector.split(' >>> ')) {
            const matches: NodeListOf<Element> | undefined = root?.querySelectorAll(segment);
            if (!matches || matches.length !== 1) return null;
            found = matches[0]!;
            root = found.shadowRoot ?? (found as HTMLIFrameElement).contentDocument ?? null;
          }
          return found;
        });
        const depths = regionEls.map((el) => {
          let d = 0;
          for (let node: Node | null = el; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null)
            d++;
          return d;
        });
        const axe = (globalThis as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } })
          .axe;
        interface AxeCheck {
          data?: { messageKey?: string; contrastRatio?: number; fgColor?: string; bgColor?: string } | null;
        }
        interface AxeResultNode {
          element: Element;
          target: unknown[];
          any: AxeCheck[];
        }
        interface AxeResults {
          violations: { nodes: AxeResultNode[] }[];
          incomplete: { nodes: AxeResultNode[] }[];
          passes: { nodes: AxeResultNode[] }[];
        }
        const results = await axe.run(document, {
          runOnly: { type: 'rule', values: ['color-contrast'] },
          elementRef: true,
        });
        const nodes: {
          outcome: 'violation' | 'incomplete' | 'pass';
          reason: string | null;
          ratio: number | null;
          target: string;
          index: number;
          elementId: string;
          colors: string;
          text: string;
          width: number;
          height: number;
          ariaHidden: boolean;
        }[] = [];
        const lists = [
          ['violation', results.violations],
          ['incomplete', results.incomplete],
          ['pass', results.passes],
        ] as const;
        for (const [outcome, list] of lists) {
          for (const rule of list) {
            for (const node of rule.nodes) {
              let index = -1;
              let best = -1;
              regionEls.forEach((el, i) => {
                if (!el || !(el === node.element || el.contains(node.element))) return;
                if (depths[i]! > best) [best, index] = [depths[i]!, i];
              });
              const data = node.any[0]?.data;
              const holder = node.element.closest('[id]');
              nodes.push({
                outcome,
                reason: data?.messageKey ?? null,
                ratio: typeof data?.contrastRatio === 'number' ? data.contrastRatio : null,
                target: JSON.stringify(node.target),
                index,
                elementId: holder?.id ?? '',
                colors: data?.fgColor ? `${data.fgColor} on ${data.bgColor}` : '',
                text: (node.element.textContent ?? '').trim().slice(0, 80),
                width: node.element.getBoundingClientRect().width,
                height: node.element.getBoundingClientRect().height,
                ariaHidden: node.element.closest('[aria-hidden="true"]') !== null,
              });
            }
          }
        }
        return nodes;
      },
      regions.map((r) => r.selector),
    )
    .then((nodes) =>
      nodes.map(({ index, ...node }) => ({ ...node, regionId: index >= 0 ? regions[index]!.id : null })),
    );
}

const RANK: Record<AxeOutcome, number> = { violation: 3, incomplete: 2, pass: 1 };

/** Restage's WCAG 1.4.3 outcome beside axe's for every region with text. */
export function compare(regions: readonly Region[], nodes: readonly AxeNode[]): Comparison[] {
  const structural = structuralIds(regions);
  return regions.map((region) => {
    const check = checkContrast(region, 'AA', structural);
    // axe passes text it finds hidden ("hidden"): that is axe's way of not applying.
    const own = nodes.filter((n) => n.regionId === region.id && n.reason !== 'hidden');
    const worst = own.reduce<AxeNode | null>(
      (w, n) => (!w || RANK[n.outcome] > RANK[w.outcome] ? n : w),
      null,
    );
    return {
      regionId: region.id,
      text: region.text.slice(0, 60),
      restage: check.outcome,
      why: check.reason,
      required: check.required,
      axe: worst?.outcome ?? null,
      reasons: [...new Set(own.filter((n) => n.outcome === worst?.outcome).map((n) => n.reason ?? ''))],
      elementIds: [...new Set(own.map((n) => n.elementId).filter(Boolean))],
      ratio: check.ratio,
      axeRatio: worst?.ratio ?? null,
      nodeTexts: own.map((n) => n.text),
      ariaHidden: own.length > 0 && own.every((n) => n.ariaHidden),
    };
  });
}

/**
 * Agreement, element by element: a WCAG failure in both, a pass in both, or Restage's
 * "needs review" where axe is incomplete. A region without text is inapplicable to both.
 */
export function verdict(c: Pick<Comparison, 'restage' | 'axe'>): Verdict {
  const { restage, axe } = c;
  if ((restage === 'failed' && axe === 'violation') || (restage === 'passed' && axe === 'pass'))
    return 'agree';
  if (restage === 'inapplicable' && axe === null) return 'agree';
  if (restage === 'needs-review' && axe === 'incomplete') return 'review-vs-incomplete';
  return 'disagree';
}

/** Whether a region's selector passes through a shadow root the page's own script cannot open. */
export const inClosedRoot = (page: Page, selector: string) =>
  page.evaluate((parts) => {
    let root: Document | ShadowRoot | null = document;
    for (const part of parts.slice(0, -1)) {
      const host: Element | null = root.querySelector(part);
      if (!host || host.localName === 'iframe') return false;
      if (host.shadowRoot === null) return true;
      root = host.shadowRoot;
    }
    return false;
  }, selector.split(' >>> '));
