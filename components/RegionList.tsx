import type { Region } from '@/utils/schemas';

type Props = {
  regions: Region[];
  active: string | null;
  onHover(id: string | null): void;
  onPick(id: string): void;
};

export function RegionList({ regions, active, onHover, onPick }: Props) {
  return (
    <ol className="regions" data-testid="region-list">
      {regions.map((r) => (
        <li
          key={r.id}
          className={r.id === active ? 'regions__item regions__item--active' : 'regions__item'}
          data-region={r.id}
          onMouseEnter={() => onHover(r.id)}
          onMouseLeave={() => onHover(null)}
          onClick={() => onPick(r.id)}
        >
          <span className="regions__num">{r.id.slice(1)}</span>
          <span className="regions__kind">{r.headingLevel ? `h${r.headingLevel}` : r.kind}</span>
          <span className="regions__text">{r.text || r.name || r.tag}</span>
        </li>
      ))}
    </ol>
  );
}
