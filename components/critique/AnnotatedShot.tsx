import { useMemo, useState } from 'react';
import { clipBox, placeBadges, textBoxes } from '@/utils/core/render/badges';
import { flaggedRegionIds, type MarkTone, markTones } from '@/utils/core/render/marks';
import type { Finding } from '@/utils/core/schemas/finding';
import type { Draft } from '@/utils/core/schemas/record';
import type { Region } from '@/utils/core/schemas/region';
import { useArtifactUrl } from '@/components/focus/useArtifactUrl';
import { useRegionFocus } from '@/components/focus/RegionFocus';
import { useRovingFocus } from '@/components/focus/useRovingFocus';
import { useWidth } from '@/components/focus/useWidth';
import { Lightbox } from '@/components/shell/Lightbox';

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

type Shot = NonNullable<Draft['shot']>;
type Props = { shot: Shot; regions: Region[]; findings: Finding[] };

const pct = (value: number, of: number) => `${(value / of) * 100}%`;

/**
 * The screenshot with the same numbered boxes as the page. By default only the regions with
 * findings are numbered and the rest are faint outlines, as in `annotated.png`; "Show all
 * regions" numbers every one (utils/core/render/marks.ts). A click on the picture opens it full size.
 */
export function AnnotatedShot({ shot, regions, findings }: Props) {
  const [showAll, setShowAll] = useState(false);
  const [open, setOpen] = useState(false);
  const src = useArtifactUrl(shot.image);
  const tones = useMemo(() => markTones(regions, findings, showAll), [regions, findings, showAll]);
  const flagged = useMemo(() => {
    const ids = flaggedRegionIds(findings);
    return regions.filter((r) => ids.has(r.id)).length;
  }, [regions, findings]);
  if (!shot.image.stored)
    return <p className="note">The screenshot was not saved: the browser’s storage for Restage is full.</p>;
  return (
    <section className="shot-view" aria-label="Screenshot">
      <div className="shot-view__controls">
        <label>
          <input
            type="checkbox"
            checked={showAll}
            onChange={(e) => setShowAll(e.target.checked)}
            data-testid="show-all-regions"
          />{' '}
          Show all regions
        </label>
        <span className="muted">
          {flagged} of {regions.length} with findings
        </span>
      </div>
      <ShotFigure shot={shot} src={src} regions={regions} tones={tones} onOpen={() => setOpen(true)} />
      <Lightbox open={open} onClose={() => setOpen(false)} label="Screenshot, full size">
        <div style={{ width: shot.area.width }}>
          <ShotFigure shot={shot} src={src} regions={regions} tones={tones} />
        </div>
      </Lightbox>
    </section>
  );
}

/**
 * Boxes are clipped to the picture (a region taller than the capture never spills over the
 * findings below), and badges go where placeBadges finds them room clear of every region's
 * text, as on the page and in `annotated.png`; a badge that had to move away gets a leader line
 * to its box, and one with no room near its box is drawn where it covers least. Only numbered
 * regions compete for room. With `onOpen`, the picture itself is a button that opens it. The
 * numbered boxes are one tab stop: arrow keys move between them in reading order, Home and End
 * to the first and last, and a focused box is highlighted on the page as a hovered one is.
 */
function ShotFigure({
  shot,
  src,
  regions,
  tones,
  onOpen,
}: {
  shot: Shot;
  src: string | null;
  regions: Region[];
  tones: ReadonlyMap<string, MarkTone>;
  onOpen?: () => void;
}) {
  const { active, hover, select } = useRegionFocus();
  const [figure, width] = useWidth<HTMLElement>();
  const { area } = shot;
  // Screen pixels per page pixel at the size the picture is shown; badges are placed in page
  // pixels, so their room is the panel badge's size divided by it.
  const scale = width > 0 ? width / area.width : 1;
  const badge = { width: PANEL_BADGE.width / scale, height: PANEL_BADGE.height / scale };
  const boxes = regions.flatMap((region) => {
    const box = clipBox(region.box, area);
    return box ? [{ region, box, tone: tones.get(region.id) ?? 'strong' }] : [];
  });
  const texts = textBoxes(regions).flatMap((box) => clipBox(box, area) ?? []);
  const places = placeBadges(
    boxes.filter((b) => b.tone !== 'faint').map(({ region, box }) => ({ id: region.id, box })),
    texts,
    area,
    badge,
    PANEL_REACH,
  );
  const numbered = boxes.filter(({ region }) => places.has(region.id));
  const roving = useRovingFocus(numbered.length);
  const leaders = boxes.flatMap(({ region }) => {
    const leader = places.get(region.id)?.leader;
    return leader ? [{ id: region.id, ...leader }] : [];
  });
  const position = (box: { x: number; y: number; width: number; height: number }) => ({
    left: pct(box.x - area.x, area.width),
    top: pct(box.y - area.y, area.height),
    width: pct(box.width, area.width),
    height: pct(box.height, area.height),
  });
  const picture = src ? (
    <img src={src} alt={`Capture of the page (${shot.mode})`} />
  ) : (
    <div className="shot__loading" />
  );
  return (
    <figure className="shot" data-testid={onOpen ? 'annotated-shot' : 'annotated-shot-full'} ref={figure}>
      {onOpen ? (
        <button
          type="button"
          className="shot__open"
          onClick={onOpen}
          aria-label="Open the screenshot full size"
        >
          {picture}
        </button>
      ) : (
        picture
      )}
      {boxes
        .filter((b) => b.tone === 'faint')
        .map(({ region, box }) => (
          <span
            key={region.id}
            className={`shot__faint${active.has(region.id) ? ' shot__faint--active' : ''}`}
            data-region={region.id}
            style={position(box)}
            aria-hidden="true"
          />
        ))}
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
              className={active.has(id) ? 'shot__leader--active' : undefined}
            />
          ))}
        </svg>
      )}
      {numbered.map(({ region, box, tone }, i) => {
        const place = places.get(region.id)!;
        return (
          <button
            key={region.id}
            type="button"
            className={`shot__box shot__box--${tone}${active.has(region.id) ? ' shot__box--active' : ''}`}
            data-region={region.id}
            data-tone={tone}
            style={position(box)}
            onMouseEnter={() => hover(region.id)}
            onMouseLeave={() => hover(null)}
            {...roving.item(i, () => hover(region.id))}
            onBlur={() => hover(null)}
            onKeyDown={roving.onKeyDown}
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
