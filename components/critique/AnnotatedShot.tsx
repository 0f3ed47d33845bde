import { badgeSide, clipBox } from '@/utils/render/badges';
import type { Draft, Region } from '@/utils/schemas';
import { useArtifactUrl } from '../focus/useArtifactUrl';
import { useRegionFocus } from '../focus/RegionFocus';
import { useWidth } from '../focus/useWidth';

/** The panel's badge size in screen pixels (base.css, `.shot__badge`). */
const PANEL_BADGE = { width: 20, height: 12 };

type Props = { shot: NonNullable<Draft['shot']>; regions: Region[] };

const pct = (value: number, of: number) => `${(value / of) * 100}%`;

/**
 * The screenshot with the same numbered boxes as the page. Boxes are clipped to the picture
 * (a region taller than the capture never spills over the findings below), and badges sit
 * outside their box so they never cover the text they label.
 */
export function AnnotatedShot({ shot, regions }: Props) {
  const { hovered, hover, select } = useRegionFocus();
  const src = useArtifactUrl(shot.image);
  const [figure, width] = useWidth<HTMLElement>();
  const { area } = shot;
  if (!shot.image.stored)
    return <p className="note">The screenshot was not saved: the browser’s storage for Restage is full.</p>;
  // The badge's size in page pixels at the scale the picture is shown.
  const scale = width > 0 ? width / area.width : 1;
  const badge = { width: PANEL_BADGE.width / scale, height: PANEL_BADGE.height / scale };
  const boxes = regions.flatMap((region) => {
    const box = clipBox(region.box, area);
    return box ? [{ region, box, side: badgeSide(box, area, badge) }] : [];
  });
  return (
    <figure className="shot" data-testid="annotated-shot" ref={figure}>
      {src ? <img src={src} alt={`Capture of the page (${shot.mode})`} /> : <div className="shot__loading" />}
      {boxes.map(({ region, box, side }) => (
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
          <span className={`shot__badge shot__badge--${side}`}>{region.id.slice(1)}</span>
        </button>
      ))}
    </figure>
  );
}
