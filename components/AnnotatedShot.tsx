import type { Region, Shot } from '@/utils/schemas';

type Props = {
  shot: Shot;
  regions: Region[];
  active: string | null;
  onHover(id: string | null): void;
  onPick(id: string): void;
};

/** The screenshot with the same numbered boxes as the page, placed in percent of the shot. */
export function AnnotatedShot({ shot, regions, active, onHover, onPick }: Props) {
  const { area } = shot;
  const inside = regions.filter(
    (r) =>
      r.box.x < area.x + area.width &&
      r.box.x + r.box.width > area.x &&
      r.box.y < area.y + area.height &&
      r.box.y + r.box.height > area.y,
  );
  return (
    <figure className="shot" data-testid="annotated-shot">
      <img src={shot.dataUrl} alt={`Capture of the page (${shot.mode})`} />
      {inside.map((r) => (
        <button
          key={r.id}
          type="button"
          className={`shot__box${r.id === active ? ' shot__box--active' : ''}`}
          data-region={r.id}
          style={{
            left: `${((r.box.x - area.x) / area.width) * 100}%`,
            top: `${((r.box.y - area.y) / area.height) * 100}%`,
            width: `${(r.box.width / area.width) * 100}%`,
            height: `${(r.box.height / area.height) * 100}%`,
          }}
          onMouseEnter={() => onHover(r.id)}
          onMouseLeave={() => onHover(null)}
          onClick={() => onPick(r.id)}
          aria-label={`Region ${r.id.slice(1)}: ${r.kind} ${r.name}`}
        >
          <span className="shot__badge">{r.id.slice(1)}</span>
        </button>
      ))}
    </figure>
  );
}
