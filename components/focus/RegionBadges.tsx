import { useRegionFocus } from '@/components/focus/RegionFocus';
import { useRovingFocus } from '@/components/focus/useRovingFocus';

const SHOWN = 12;

/**
 * Region ids of another record than the one the page and the screenshot number (a check's,
 * under New): each badge says whose id it is, and points at the region the page shows for it.
 */
export interface BadgeScope {
  /** Whose ids these are, as a label says it: "the check". */
  of: string;
  /** The id the page and the screenshot show the region as, or null when they do not show it. */
  shownAs(id: string): string | null;
}

/**
 * The numbered regions something points at, in sync with the page and the screenshot. They are
 * one tab stop, with arrow keys between them; focusing one highlights its region as hovering does.
 */
export function RegionBadges({ ids, scope }: { ids: readonly string[]; scope?: BadgeScope }) {
  const { hovered, hover, select } = useRegionFocus();
  const shownIds = ids.slice(0, SHOWN);
  const roving = useRovingFocus(shownIds.length);
  return (
    <span className="badges" role="group" aria-label="Regions" onKeyDown={roving.onKeyDown}>
      {shownIds.map((id, i) => {
        const shown = scope ? scope.shownAs(id) : id;
        const label = scope
          ? `Region ${id.slice(1)} of ${scope.of}${shown ? `, ${shown.slice(1)} on the page` : ', not in the critique'}`
          : `Region ${id.slice(1)}`;
        return (
          <button
            key={id}
            type="button"
            className={`badge${scope ? ' badge--scoped' : ''}${shown !== null && shown === hovered ? ' badge--active' : ''}`}
            onMouseEnter={() => shown && hover(shown)}
            onMouseLeave={() => shown && hover(null)}
            {...roving.item(i, () => shown && hover(shown))}
            onBlur={() => shown && hover(null)}
            onClick={() => shown && select(shown)}
            // Still focusable, so the arrow keys reach the badges after it.
            aria-disabled={shown === null || undefined}
            aria-label={label}
            title={scope ? label : undefined}
            data-region-id={id}
          >
            {id.slice(1)}
          </button>
        );
      })}
      {ids.length > SHOWN && <span className="muted">+{ids.length - SHOWN}</span>}
    </span>
  );
}
