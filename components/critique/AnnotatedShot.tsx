import { clipBox, placeBadges, textBoxes } from '@/utils/render/badges';
import type { Draft, Region } from '@/utils/schemas';
import { useArtifactUrl } from '../focus/useArtifactUrl';
import { useRegionFocus } from '../focus/RegionFocus';
import { useWidth } from '../focus/useWidth';

/** The room a panel badge needs in screen pixels (base.css, `.shot__badge`). */
const PANEL_BADGE = { width: 20, height: 12 };
/**
 * How far out a panel badge may move, in badge heights. The picture is a thumbnail (a 1280 px
 * page at about 0.3), where a 12 px badge is 40 page pixels tall and text rows have no room
 * between them: a badge cramped by its box reads better than one across the picture at the end
 * of a long leader.
 */
const PANEL_REACH = 3;
/** `.shot__box`'s border, which the badge's offsets start inside. */
const BORDER = 1.5;

type Props = { shot: NonNullable<Draft['shot']>; regions: Region[] };

const pct = (value: number, of: number) => `${(value / of) * 100}%`;

/**
 * The screenshot with the same numbered boxes as the page. Boxes are clipped to the picture
 * (a region taller than the capture never spills over the findings below), and badges go where
 * placeBadges finds them room clear of every region's text, as on the page and in
 * `annotated.png`; a badge that had to move away gets a leader line to its box, and one with
 * no room near its box is drawn where it covers least.
 */
export function AnnotatedShot({ shot, regions }: Props) {
  const { hovered, hover, select } = useRegionFocus();
  const src = useArtifactUrl(shot.image);
  const [figure, width] = useWidth<HTMLElement>();
  const { area } = shot;
  if (!shot.image.stored)
    return <p className="note">The screenshot was not saved: the browser’s storage for Restage is full.</p>;
  // Screen pixels per page pixel at the size the picture is shown; badges are placed in page
  // pixels, so their room is the panel badge's size divided by it.
  const scale = width > 0 ? width / area.width : 1;
  const badge = { width: PANEL_BADGE.width / scale, height: PANEL_BADGE.height / scale };
  const boxes = regions.flatMap((region) => {
    const box = clipBox(region.box, area);
    return box ? [{ region, box }] : [];
  });
  const texts = textBoxes(regions).flatMap((box) => clipBox(box, area) ?? []);
  const places = placeBadges(
    boxes.map(({ region, box }) => ({ id: region.id, box })),
    texts,
    area,
    badge,
    PANEL_REACH,
  );
  const leaders = boxes.flatMap(({ region }) => {
    const leader = places.get(region.id)?.leader;
    return leader ? [{ id: region.id, ...leader }] : [];
  });
  return (
    <figure className="shot" data-testid="annotated-shot" ref={figure}>
      {src ? <img src={src} alt={`Capture of the page (${shot.mode})`} /> : <div className="shot__loading" />}
      {leaders.length > 0 && (
        <svg
          className="shot__leaders"
          viewBox={`${area.x} ${area.y} ${area.width} ${area.height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          {leaders.map(({ id, x1, y1, x2, y2 }) => (
            <line
              key={id}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              className={id === hovered ? 'shot__leader--active' : undefined}
            />
          ))}
        </svg>
      )}
      {boxes.map(({ region, box }) => {
        const place = places.get(region.id)!;
        return (
          <button
            key={region.id}
            type="button"
            className={`shot__box${region.id === hovered ? ' shot__box--active' : ''}`}
            data-region={region.id}
            style={{
              left: pct(box.x - area.x, area.width),
              top: pct(box.y - area.y, area.height),
              width: pct(box.width, area.width),
              height: pct(box.height, area.height),
            }}
            onMouseEnter={() => hover(region.id)}
            onMouseLeave={() => hover(null)}
            onClick={() => select(region.id)}
            aria-label={`Region ${region.id.slice(1)}: ${region.kind} ${region.name}`}
          >
            <span
              className={`shot__badge${place.spot.startsWith('inside') || place.spot === 'cramped' ? ' shot__badge--inside' : ''}`}
              data-spot={place.spot}
              style={{
                left: `${(place.rect.x - box.x) * scale - BORDER}px`,
                top: `${(place.rect.y - box.y) * scale - BORDER}px`,
              }}
            >
              {region.id.slice(1)}
            </span>
          </button>
        );
      })}
    </figure>
  );
}
