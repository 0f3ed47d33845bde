import type { Region } from '@/utils/schemas';
import { useRegionFocus } from '../focus/RegionFocus';
import { useLocks } from './useLocks';

/** The view shows at most this much of a region's text; the data keeps all of it. */
const SHOWN_TEXT = 160;

/**
 * Every region with its number, kind and text, and a **Keep as is** toggle: a kept region is
 * left out of every plan and preview of this page, and Verify reports any change to it.
 */
export function RegionList({ regions, url }: { regions: Region[]; url: string }) {
  const { hovered, hover, select } = useRegionFocus();
  const locks = useLocks(url);
  return (
    <ol className="regions" aria-label="Regions" data-testid="region-list">
      {regions.map((r) => {
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
            onClick={() => select(r.id)}
          >
            <span className="regions__num">{r.id.slice(1)}</span>
            <span className="regions__kind">{r.headingLevel ? `h${r.headingLevel}` : r.kind}</span>
            <span className="regions__text">
              {text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT - 1)}…` : text}
            </span>
            <button
              type="button"
              className="regions__keep"
              aria-pressed={kept}
              aria-label={`Keep region ${r.id.slice(1)} as is`}
              title={kept ? 'Kept as is: plans leave it alone' : 'Keep as is: plans leave it alone'}
              onClick={(event) => {
                event.stopPropagation();
                void locks.toggle(r.key);
              }}
            >
              {kept ? 'Kept' : 'Keep'}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
