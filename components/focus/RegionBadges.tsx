import { useRegionFocus } from './RegionFocus';

const SHOWN = 12;

/** The numbered regions something points at, in sync with the page and the screenshot. */
export function RegionBadges({ ids }: { ids: readonly string[] }) {
  const { hovered, hover, select } = useRegionFocus();
  return (
    <>
      {ids.slice(0, SHOWN).map((id) => (
        <button
          key={id}
          type="button"
          className={`badge${id === hovered ? ' badge--active' : ''}`}
          onMouseEnter={() => hover(id)}
          onMouseLeave={() => hover(null)}
          onClick={() => select(id)}
          aria-label={`Region ${id.slice(1)}`}
        >
          {id.slice(1)}
        </button>
      ))}
      {ids.length > SHOWN && <span className="muted">+{ids.length - SHOWN}</span>}
    </>
  );
}
