import type { Finding } from '@/utils/core/schemas/finding';
import { present, SEVERITIES, type FindingFilter, type FindingSort } from '@/utils/core/triage/filter';

const CATEGORIES: Finding['category'][] = [
  'contrast',
  'hierarchy',
  'typography',
  'spacing',
  'targets',
  'density',
];
const BASES: Finding['basis'][] = ['measured', 'seen', 'inferred'];

/** Filter by category, severity and basis, and sort: four small selects that wrap at 320 px. */
export function FindingTools({
  findings,
  filter,
  sort,
  onFilter,
  onSort,
}: {
  findings: readonly Finding[];
  filter: FindingFilter;
  sort: FindingSort;
  onFilter(filter: FindingFilter): void;
  onSort(sort: FindingSort): void;
}) {
  const choice = <K extends keyof FindingFilter>(
    key: K,
    label: string,
    all: string,
    order: readonly NonNullable<FindingFilter[K]>[],
  ) => {
    const chosen = filter[key];
    const values = present(findings, key, order);
    // A choice stays listed while chosen, even when no finding has it any more (all ignored).
    if (chosen && !values.includes(chosen)) values.push(chosen);
    return (
      <select
        aria-label={label}
        value={chosen ?? ''}
        onChange={(e) => onFilter({ ...filter, [key]: e.target.value || null } as FindingFilter)}
      >
        <option value="">{all}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    );
  };
  return (
    <div className="findings__tools" role="group" aria-label="Filter and sort findings">
      {choice('category', 'Category', 'All categories', CATEGORIES)}
      {choice('severity', 'Severity', 'All severities', SEVERITIES)}
      {choice('basis', 'Basis', 'Any basis', BASES)}
      <select aria-label="Sort" value={sort} onChange={(e) => onSort(e.target.value as FindingSort)}>
        <option value="severity">Worst first</option>
        <option value="position">Page order</option>
      </select>
    </div>
  );
}
