import type { Region } from '@/utils/core/schemas/region';
import { useRegionFocus } from '@/components/focus/RegionFocus';
import { useRovingFocus } from '@/components/focus/useRovingFocus';
import { useLocks } from '@/components/critique/useLocks';

/** The view shows at most this much of a region's text; the data keeps all of it. */
const SHOWN_TEXT = 160;

/**
 * Every region with its number, kind and text, and a **Keep as is** toggle: a kept region is
 * left out of every plan and preview of this page, and Verify reports any change to it. The
 * list is one tab stop (up to 200 regions): up and down move between regions, left and right
 * between a region and its Keep button, Home and End to the ends. A focused region is
 * highlighted on the page and the screenshot, as a hovered one is; Enter scrolls the page to it.
 */
export function RegionList({ regions, url }: { regions: Region[]; url: string }) {
  const { hovered, hover, select } = useRegionFocus();
  const locks = useLocks(url);
  const roving = useRovingFocus(regions.length * 2, 2);
  return (
    <ol className="regions" aria-label="Regions" data-testid="region-list" onKeyDown={roving.onKeyDown}>
      {regions.map((r, i) => {
        const text = r.text || r.name || r.tag;
        const kept = locks.keys.has(r.key);
        return (
          <li
            key={r.id}
            className={r.id === hovered ? 'regions__item regions__item--active' : 'regions__item'}
            data-region={r.id}
            data-kept={kept || undefined}
            onMouseEnter={() => hover(r.id)}
            onMouseLeave={() => hover(null)}
            onBlur={() => hover(null)}
          >
            <button
              type="button"
              className="regions__select"
              {...roving.item(i * 2, () => hover(r.id))}
              aria-label={`Region ${r.id.slice(1)}, ${r.headingLevel ? `heading ${r.headingLevel}` : r.kind}: ${text.slice(0, SHOWN_TEXT)}`}
              onClick={() => select(r.id)}
            >
              <span className="regions__num">{r.id.slice(1)}</span>
              <span className="regions__kind">{r.headingLevel ? `h${r.headingLevel}` : r.kind}</span>
              <span className="regions__text">
                {text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT - 1)}…` : text}
              </span>
            </button>
            <button
              type="button"
              className="regions__keep"
              {...roving.item(i * 2 + 1, () => hover(r.id))}
              aria-pressed={kept}
              aria-label={`Keep region ${r.id.slice(1)} as is`}
              title={kept ? 'Kept as is: plans leave it alone' : 'Keep as is: plans leave it alone'}
              onClick={() => void locks.toggle(r.key)}
            >
              {kept ? 'Kept' : 'Keep'}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
