import type { Region } from '@/utils/schemas';
import { useRegionFocus } from '../focus/RegionFocus';

/** The view shows at most this much of a region's text; the data keeps all of it. */
const SHOWN_TEXT = 160;

export function RegionList({ regions }: { regions: Region[] }) {
  const { hovered, hover, select } = useRegionFocus();
  return (
    <ol className="regions" aria-label="Regions" data-testid="region-list">
      {regions.map((r) => {
        const text = r.text || r.name || r.tag;
        return (
          <li
            key={r.id}
            className={r.id === hovered ? 'regions__item regions__item--active' : 'regions__item'}
            data-region={r.id}
            onMouseEnter={() => hover(r.id)}
            onMouseLeave={() => hover(null)}
            onClick={() => select(r.id)}
          >
            <span className="regions__num">{r.id.slice(1)}</span>
            <span className="regions__kind">{r.headingLevel ? `h${r.headingLevel}` : r.kind}</span>
            <span className="regions__text">
              {text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT - 1)}…` : text}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
