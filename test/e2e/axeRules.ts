/**
 * axe-core's `target-size` (WCAG 2.5.8) and `heading-order` rules run on a page, each node
 * mapped onto Restage's regions: the region anchored at the node's element, else the
 * innermost region holding it. axe is the outside reference; it never runs in the extension.
 */
import type { Page } from 'playwright-core';
import type { Region } from '@/utils/core/schemas/region';
import { AXE } from '@/test/e2e/axeContrast';

export type AxeOutcome = 'violation' | 'incomplete' | 'pass';

export interface AxeRuleNode {
  outcome: AxeOutcome;
  /** The message keys of the node's checks (`obscured`, `large`, `tooManyRects`, …). */
  keys: string[];
  target: string;
  /** The region anchored at the node's element, else the innermost one holding it, else null. */
  regionId: string | null;
  /** Whether that region is anchored at the node's own element. */
  exact: boolean;
  tag: string;
  text: string;
  width: number;
  height: number;
  /** Hidden from sight but not from screen readers (a visually hidden heading). */
  visuallyHidden: boolean;
  /** The heading level axe reads, for heading-order. */
  level: number | null;
}

export async function axeRuleNodes(
  page: Page,
  regions: readonly Region[],
  rule: 'target-size' | 'heading-order',
): Promise<AxeRuleNode[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE });
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const nodes = await page.evaluate(
    async ({ selectors, rule }) => {
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
      const depth = (el: Element) => {
        let d = 0;
        for (let node: Node | null = el; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null)
          d++;
        return d;
      };
      interface AxeCheck {
        data?: { messageKey?: string } | null;
      }
      interface AxeResultNode {
        element: Element;
        target: unknown[];
        any: AxeCheck[];
        all: AxeCheck[];
        none: AxeCheck[];
      }
      type List = { nodes: AxeResultNode[] }[];
      const axe = (
        globalThis as unknown as {
          axe: { run: (...args: unknown[]) => Promise<{ violations: List; incomplete: List; passes: List }> };
        }
      ).axe;
      const results = await axe.run(document, {
        runOnly: { type: 'rule', values: [rule] },
        elementRef: true,
      });
      const out = [];
      for (const [outcome, list] of [
        ['violation', results.violations],
        ['incomplete', results.incomplete],
        ['pass', results.passes],
      ] as const) {
        for (const r of list) {
          for (const node of r.nodes) {
            const el = node.element;
            let index = regionEls.indexOf(el);
            const exact = index >= 0;
            if (!exact) {
              let best = -1;
              regionEls.forEach((region, i) => {
                if (region && region.contains(el) && depth(region) > best) [best, index] = [depth(region), i];
              });
            }
            const rect = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            const aria = Number(el.getAttribute('aria-level'));
            const level = /^h[1-6]$/i.test(el.localName) ? Number(el.localName[1]) : aria || null;
            out.push({
              outcome,
              keys: [...node.any, ...node.all, ...node.none].flatMap((c) => c.data?.messageKey ?? []),
              target: JSON.stringify(node.target),
              index,
              exact,
              tag: el.localName,
              text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60),
              width: Math.round(rect.width * 10) / 10,
              height: Math.round(rect.height * 10) / 10,
              visuallyHidden:
                rect.width <= 1 ||
                rect.height <= 1 ||
                style.clip === 'rect(0px, 0px, 0px, 0px)' ||
                style.clipPath === 'inset(50%)' ||
                style.opacity === '0',
              level,
            });
          }
        }
      }
      return out;
    },
    { selectors: regions.map((r) => r.selector), rule },
  );
  return nodes.map(({ index, ...node }) => ({ ...node, regionId: index >= 0 ? regions[index]!.id : null }));
}
