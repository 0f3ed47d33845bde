/**
 * A round's commands (./commands.ts) applied to the previous round's CSS patch, with the plan's
 * own functions: the page's type scale for `bigger`, strengthenAction for `primary`, the spacing
 * unit and the row rule of ./keepLayout.ts for `more space`, the constraints of ./constraints.ts
 * for `keep`, and `order` for `before`, only where both regions are items of one flex or grid
 * container the page reported (otherwise a plain sentence says why not). Each command's
 * declarations pass sanitizePatch before they join the patch: what the floors drop is named in
 * the command's change, and a command left with nothing to change is refused, naming why.
 * Regions kept as they are, by the user or by an earlier round's `keep`, get nothing. Pure.
 */
import { toHex } from '@/utils/core/measure/color';
import { screenOf, type ViewportSize } from '@/utils/core/measure/layout';
import { callsToAction } from '@/utils/core/measure/primaryAction';
import { isFilled, pageBackground, rawWeight, surroundingsOf } from '@/utils/core/measure/weight';
import type { Blueprint, CssPatch } from '@/utils/core/schemas/plan';
import type { DoNotTouch } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { commandText, type Command } from '@/utils/core/plan/commands';
import { lockedIds, withoutLocked } from '@/utils/core/plan/constraints';
import { parsePatch } from '@/utils/core/plan/cssPatch';
import { rowsOf } from '@/utils/core/plan/keepLayout';
import { opaqueColor, pagePalette } from '@/utils/core/plan/palette';
import { pixels, predict, type Declarations } from '@/utils/core/plan/predict';
import { sanitizePatch } from '@/utils/core/plan/sanitizePatch';
import { strengthenAction } from '@/utils/core/plan/strengthenAction';

/**
 * What the page says about two regions to reorder: the items of the container they share, in
 * document order, each with its region id (null for an item that is no region) and its computed
 * CSS `order`; or why they cannot be reordered with CSS.
 */
export type SiblingOrder =
  | { container: 'flex' | 'grid'; items: { regionId: string | null; order: number }[] }
  | { container: null; reason: string };

export interface RefineInput {
  regions: readonly Region[];
  blueprint: Blueprint;
  /** The previous round's patch. */
  cssPatch: CssPatch;
  /** The previous round's do-not-touch list and the user's locks now (utils/extension/settings/locks.ts keptNow). */
  doNotTouch: readonly DoNotTouch[];
  viewport: ViewportSize;
  /** This round's number, for the reason `keep` writes. */
  round: number;
  /** For `before`: how the page lays out the two regions' container, read from the page. */
  siblings?: ReadonlyMap<string, SiblingOrder>;
}

export interface Refined {
  cssPatch: CssPatch;
  doNotTouch: DoNotTouch[];
  applied: { command: string; change: string }[];
  refused: { command: string; reason: string }[];
}

/** The key `siblings` is looked up by for `a before b`. */
export const pairKey = (a: string, b: string) => `${a}>${b}`;

const px = (n: number) => `${Math.round(n)}px`;

/** Each region the command changes, with all of its declarations after the change. */
type Outcome =
  | {
      declarations: Map<string, Declarations>;
      /** What changed, said of the declarations that passed the floors. */
      change: string | ((kept: ReadonlyMap<string, Declarations>) => string);
    }
  | { reason: string };

export function refinePlan(input: RefineInput, commands: readonly Command[]): Refined {
  const { regions } = input;
  const byId = new Map(regions.map((r) => [r.id, r]));
  const doNotTouch = [...input.doNotTouch];
  const entries = new Map(input.cssPatch.map((e) => [e.regionId, { ...e.declarations }]));
  const applied: Refined['applied'] = [];
  const refused: Refined['refused'] = [];

  for (const command of commands) {
    const text = commandText(command);
    const refuse = (reason: string) => refused.push({ command: text, reason });
    const locked = lockedIds(regions, doNotTouch);
    const ids = command.kind === 'before' ? [command.regionId, command.otherId] : [command.regionId];
    const unknown = ids.find((id) => !byId.has(id));
    if (unknown) {
      refuse(`There is no ${unknown} on this page; its regions are r1 to r${regions.length}.`);
      continue;
    }
    const region = byId.get(command.regionId)!;
    if (command.kind === 'keep') {
      if (locked.has(region.id)) {
        applied.push({ command: text, change: `${region.id} was already kept as it is.` });
        continue;
      }
      doNotTouch.push({ regionIds: [region.id], reason: `kept as is by request in round ${input.round}` });
      const now = lockedIds(regions, doNotTouch);
      const removed = withoutLocked(toPatch(entries), now).rejected;
      for (const id of now) entries.delete(id);
      applied.push({
        command: text,
        change: `${region.id} is kept as it is in this round and the next${removed > 0 ? `; ${removed} planned CSS change${removed === 1 ? '' : 's'} on it came off` : ''}.`,
      });
      continue;
    }
    const lockedId = ids.find((id) => locked.has(id));
    if (lockedId) {
      refuse(`${lockedId} is kept as it is; take off its Keep as is (or an earlier “keep”) to change it.`);
      continue;
    }
    const outcome = apply(command, region, input, entries);
    if ('reason' in outcome) {
      refuse(outcome.reason);
      continue;
    }
    const touchesLocked = [...outcome.declarations.keys()].find((id) => locked.has(id));
    if (touchesLocked) {
      refuse(`${touchesLocked} is kept as it is, and “${text}” would change it.`);
      continue;
    }
    const merged = [...outcome.declarations].map(([regionId, declarations]) => ({ regionId, declarations }));
    const sanitized = sanitizePatch(merged, regions);
    const after = new Map(sanitized.patch.map((e) => [e.regionId, e.declarations]));
    const same = (id: string) =>
      JSON.stringify(after.get(id) ?? {}) === JSON.stringify(entries.get(id) ?? {});
    const reject = sanitized.rejected[0];
    const why = (r: NonNullable<typeof reject>) =>
      `${r.regionId} { ${r.property}: ${r.value} } was refused: ${r.reason}`;
    // The floors (sanitizePatch) drop what would hide content or lower contrast; a command left
    // with nothing to change is refused, naming why.
    if (reject && same(command.regionId)) {
      refuse(`${why(reject)}.`);
      continue;
    }
    for (const { regionId } of merged) entries.delete(regionId);
    for (const entry of sanitized.patch) entries.set(entry.regionId, { ...entry.declarations });
    const change = typeof outcome.change === 'string' ? outcome.change : outcome.change(entries);
    const leftOut = sanitized.rejected.map(why);
    applied.push({
      command: text,
      change: leftOut.length > 0 ? `${change} Left out: ${leftOut.join('; ')}.` : change,
    });
  }
  const locked = lockedIds(regions, doNotTouch);
  return {
    cssPatch: parsePatch(withoutLocked(toPatch(entries), locked).patch),
    doNotTouch,
    applied,
    refused,
  };
}

function toPatch(entries: ReadonlyMap<string, Declarations>): CssPatch {
  return [...entries]
    .filter(([, d]) => Object.keys(d).length > 0)
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .map(([regionId, declarations]) => ({ regionId, declarations }));
}

function apply(
  command: Command,
  region: Region,
  input: RefineInput,
  entries: ReadonlyMap<string, Declarations>,
): Outcome {
  const planned = entries.get(region.id) ?? {};
  switch (command.kind) {
    case 'bigger':
      return bigger(region, planned, input.blueprint.typeScale);
    case 'primary':
      return primary(region, input, entries);
    case 'space':
      return moreSpace(region, planned, input);
    case 'before':
      return before(
        command.regionId,
        command.otherId,
        input.siblings?.get(pairKey(command.regionId, command.otherId)),
        entries,
      );
    case 'keep':
      return { reason: 'keep is applied before this' };
  }
}

/** One step up the page's type scale from the size the plan gives it now. */
function bigger(region: Region, planned: Declarations, scale: Blueprint['typeScale']): Outcome {
  const hasText = region.kind !== 'container' && region.kind !== 'media';
  if (!hasText || region.textLength === 0)
    return {
      reason: `${region.id} is ${region.kind === 'media' ? 'an image' : 'a group of other regions'}: “bigger” sets text size, so name the text inside it.`,
    };
  if (region.style.fontSize < 1)
    return {
      reason: `${region.id}’s text is hidden on purpose (font-size 0); making it bigger would show it.`,
    };
  const now = pixels(planned['font-size']) ?? region.style.fontSize;
  let k = Math.ceil(Math.log(now / scale.base) / Math.log(scale.ratio));
  while (Math.round(scale.base * scale.ratio ** k) <= Math.round(now)) k++;
  const size = Math.round(scale.base * scale.ratio ** k);
  if (size > 200)
    return { reason: `${region.id} is already at ${Math.round(now)} px, the largest size a plan may set.` };
  const d: Declarations = { ...planned, 'font-size': px(size) };
  // The line keeps its proportion: a line height fixed in px would overlap the larger text.
  const lineRatio =
    planned['line-height'] && pixels(planned['line-height']) === null
      ? null
      : Math.max(1.2, (region.style.lineHeight ?? 1.2 * region.style.fontSize) / region.style.fontSize);
  if (lineRatio !== null) d['line-height'] = String(Math.round(lineRatio * 100) / 100);
  return {
    declarations: new Map([[region.id, d]]),
    change: `${region.id} text ${Math.round(now)} px → ${size} px, the next step of the page’s type scale.`,
  };
}

/**
 * Made the strongest call to action on its screen, by the measure's visual weight. One primary
 * per screen: a rival the previous plan strengthened (bolder, larger, a new fill) loses that
 * first, then the region is strengthened (strengthenAction) to outweigh every rival.
 */
function primary(region: Region, input: RefineInput, entries: ReadonlyMap<string, Declarations>): Outcome {
  if (region.kind !== 'control' || region.flags.disabled)
    return {
      reason: `${region.id} is ${region.flags.disabled ? 'a disabled control' : `a ${region.kind} region`}: only an enabled button or link can be the primary action.`,
    };
  if (region.style.fontSize < 1) return { reason: `${region.id} has no visible label to strengthen.` };
  const { regions, viewport } = input;
  const byId = new Map(regions.map((r) => [r.id, r]));
  const page = pageBackground(regions);
  const surroundings = (r: Region) => surroundingsOf(r, byId, page);
  const screen = (r: Region) => screenOf(r.box, viewport);
  const rivals = callsToAction(regions).filter((r) => r.id !== region.id && screen(r) === screen(region));
  const out = new Map<string, Declarations>();
  for (const rival of rivals) {
    const planned = entries.get(rival.id);
    const demoted = planned && demote(rival, planned);
    if (demoted) out.set(rival.id, demoted);
  }
  const predicted = (r: Region) => predict(r, out.get(r.id) ?? entries.get(r.id));
  const rivalWeight = Math.max(0, ...rivals.map((r) => rawWeight(predicted(r), surroundings(r))));
  const fills = regions
    .filter((r) => r.kind === 'control' && !r.flags.disabled && isFilled(r, surroundings(r)))
    .flatMap((r) => opaqueColor(r.style.background) ?? []);
  const planned = entries.get(region.id) ?? {};
  const d = strengthenAction(predicted(region), rivalWeight, {
    surroundings: surroundings(region),
    palette: pagePalette(regions),
    controlFills: [...new Map(fills.map((c) => [toHex(c), c])).values()],
    scale: input.blueprint.typeScale,
  });
  out.set(region.id, { ...planned, ...d });
  const demoted = [...out.keys()].filter((id) => id !== region.id);
  const also = demoted.length > 0 ? `; ${demoted.join(', ')} no longer strengthened as the lead` : '';
  return {
    declarations: out,
    change: (kept) => {
      const drawn = (r: Region) => predict(r, kept.get(r.id));
      const weight = rawWeight(drawn(region), surroundings(region));
      const heaviest = Math.max(0, ...rivals.map((r) => rawWeight(drawn(r), surroundings(r))));
      const what = Object.entries(kept.get(region.id) ?? {})
        .filter(([p]) => p in d)
        .map(([p, v]) => `${p} ${v}`)
        .join(', ');
      return rivals.length === 0 || weight > heaviest
        ? `${region.id} is the strongest call to action on its screen${what ? ` (${what})` : ''}${also}.`
        : `${region.id} is stronger${what ? ` (${what})` : ''} but still not the strongest call to action on its screen${also}.`;
    },
  };
}

/** A rival without what made it lead: a bolder weight, a larger size, a new fill (and the label colour that went with it). */
function demote(rival: Region, planned: Declarations): Declarations | null {
  const d = { ...planned };
  if (Number(d['font-weight']) > rival.style.fontWeight) delete d['font-weight'];
  if ((pixels(d['font-size']) ?? 0) > rival.style.fontSize) delete d['font-size'];
  if (d['background-color'] !== undefined) {
    delete d['background-color'];
    delete d.color;
  }
  return Object.keys(d).length === Object.keys(planned).length ? null : d;
}

/**
 * More room around a region: on each side where a neighbour in the same container faces it,
 * its margin set to the gap its box has to that neighbour now plus two spacing units (above and
 * below; left and right in a row, so it stays in line). Whether margins collapse, add up or sit
 * beside a flex gap, each such gap grows by at least that. A side with no neighbour is left as
 * it is: the margin it has there cannot be told from the boxes.
 */
function moreSpace(region: Region, planned: Declarations, input: RefineInput): Outcome {
  const { regions } = input;
  const extra = 2 * input.blueprint.spacingUnit;
  const inRow = rowsOf(regions).some((row) => row.some((r) => r.id === region.id));
  const siblings = regions.filter((r) => r.parentId === region.parentId && r.id !== region.id);
  const b = region.box;
  const gap = (side: 'top' | 'bottom' | 'left' | 'right') => {
    const edges = siblings.flatMap((s) => {
      const o = s.box;
      const acrossX = o.x < b.x + b.width && b.x < o.x + o.width;
      const acrossY = o.y < b.y + b.height && b.y < o.y + o.height;
      if (side === 'top' && acrossX && o.y + o.height <= b.y) return [b.y - (o.y + o.height)];
      if (side === 'bottom' && acrossX && o.y >= b.y + b.height) return [o.y - (b.y + b.height)];
      if (side === 'left' && acrossY && o.x + o.width <= b.x) return [b.x - (o.x + o.width)];
      if (side === 'right' && acrossY && o.x >= b.x + b.width) return [o.x - (b.x + b.width)];
      return [];
    });
    return edges.length > 0 ? Math.min(...edges) : null;
  };
  const sides = inRow ? (['left', 'right'] as const) : (['top', 'bottom'] as const);
  const d: Declarations = { ...planned };
  const moved: string[] = [];
  for (const side of sides) {
    const now = gap(side);
    if (now === null) continue;
    const property = `margin-${side}` as const;
    d[property] = px(Math.max(now, pixels(planned[property]) ?? 0) + extra);
    moved.push(inRow ? side : side === 'top' ? 'above' : 'below');
  }
  if (moved.length === 0)
    return { reason: `${region.id} has no neighbour in its container to make room from.` };
  return {
    declarations: new Map([[region.id, d]]),
    change: `${region.id} gets at least ${extra} px more room ${inRow ? `on its ${moved.join(' and ')} side${moved.length > 1 ? 's' : ''}, in its row` : moved.join(' and ')}.`,
  };
}

/** `order` on every item of the shared flex or grid container, so `a` comes right before `b`. */
function before(
  a: string,
  b: string,
  siblings: SiblingOrder | undefined,
  entries: ReadonlyMap<string, Declarations>,
): Outcome {
  if (!siblings)
    return { reason: `Whether ${a} and ${b} can trade places is read from the page, which was not open.` };
  if (siblings.container === null) return { reason: siblings.reason };
  const { items } = siblings;
  if (items.some((item) => item.regionId === null))
    return {
      reason: `${a} and ${b} share a ${siblings.container} container with items that are not regions, which a plan cannot reorder.`,
    };
  if (items.length > 100) return { reason: `Their ${siblings.container} container has over 100 items.` };
  // Shown by CSS order (the plan's where it set one), then document order.
  const shown = items
    .map((item, index) => {
      const planned = entries.get(item.regionId!)?.order;
      return { id: item.regionId!, index, order: planned === undefined ? item.order : Number(planned) };
    })
    .sort((x, y) => x.order - y.order || x.index - y.index);
  const ids = shown.map((item) => item.id);
  if (!ids.includes(a) || !ids.includes(b))
    return { reason: `${a} and ${b} are not items of one flex or grid container.` };
  const next = ids.filter((id) => id !== a);
  next.splice(next.indexOf(b), 0, a);
  return {
    declarations: new Map(next.map((id, i) => [id, { ...entries.get(id), order: String(i) }])),
    change: `${a} is shown before ${b} in their ${siblings.container} container (CSS order; the reading and tab order stay the page’s).`,
  };
}
