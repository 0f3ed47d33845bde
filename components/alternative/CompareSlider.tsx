import { type ReactNode, useState } from 'react';
import type { Box, Region } from '@/utils/core/schemas/region';
import { clipBox } from '@/utils/core/render/badges';
import { Lightbox } from '@/components/shell/Lightbox';

export interface Side {
  label: string;
  src: string;
  /** The page area the picture shows, in page CSS px, and the regions to number on it. */
  area: Box;
  regions: Region[];
  /** The number to show for a region; its own id's by default. */
  number?: (region: Region) => string;
}

const pct = (value: number, of: number) => `${(value / of) * 100}%`;

function Badges({ side }: { side: Side }) {
  return side.regions.flatMap((region) => {
    const box = clipBox(region.box, side.area);
    if (!box) return [];
    return [
      <span
        key={region.id}
        className="compare__badge"
        style={{
          left: pct(box.x - side.area.x, side.area.width),
          top: pct(box.y - side.area.y, side.area.height),
        }}
      >
        {side.number ? side.number(region) : region.id.slice(1)}
      </span>,
    ];
  });
}

/**
 * Before and after, one over the other, with a slider that uncovers the after picture from the
 * left; or side by side. Region numbers sit at each region's place on both pictures, so the
 * same number marks the same content before and after. A click on a picture opens the same
 * view at the page's own size; `full` is that view.
 */
export function CompareSlider({
  before,
  after,
  full = false,
}: {
  before: Side;
  after: Side;
  full?: boolean;
}) {
  const [split, setSplit] = useState(50);
  const [sideBySide, setSideBySide] = useState(false);
  const [open, setOpen] = useState(false);
  // In the full view each picture is as wide as the page area it shows, in CSS pixels.
  const width = full ? { width: Math.max(before.area.width, after.area.width) } : undefined;
  const picture = (children: ReactNode, label: string) =>
    full ? (
      <div className="compare__picture" style={width}>
        {children}
      </div>
    ) : (
      <button
        type="button"
        className="compare__picture compare__open"
        onClick={() => setOpen(true)}
        aria-label={`Open ${label} full size`}
      >
        {children}
      </button>
    );
  return (
    <section
      className={`compare${full ? ' compare--full' : ''}`}
      aria-label="Compare"
      data-testid={full ? 'compare-full' : 'compare'}
    >
      <div className="compare__controls">
        <label>
          <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} />{' '}
          Side by side
        </label>
        {!sideBySide && (
          <input
            type="range"
            min={0}
            max={100}
            value={split}
            aria-label={`${before.label} or ${after.label}`}
            onChange={(e) => setSplit(Number(e.target.value))}
          />
        )}
      </div>
      {sideBySide ? (
        <div className="compare__pair">
          {[before, after].map((side) => (
            <figure key={side.label} className="compare__frame">
              {picture(
                <>
                  <img src={side.src} alt={side.label} />
                  <Badges side={side} />
                </>,
                side.label.toLowerCase(),
              )}
              <figcaption>{side.label}</figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <figure className="compare__frame">
          {picture(
            <>
              <img src={before.src} alt={before.label} />
              <Badges side={before} />
              <span className="compare__over" style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}>
                <img src={after.src} alt={after.label} />
                <Badges side={after} />
              </span>
            </>,
            'the comparison',
          )}
          <figcaption>
            {after.label} on the left of the line, {before.label.toLowerCase()} on the right
          </figcaption>
        </figure>
      )}
      {!full && (
        <Lightbox open={open} onClose={() => setOpen(false)} label="Compare, full size">
          <CompareSlider before={before} after={after} full />
        </Lightbox>
      )}
    </section>
  );
}
