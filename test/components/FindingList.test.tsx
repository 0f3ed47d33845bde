// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FindingList } from '@/components/critique/FindingList';
import { RegionFocusProvider } from '@/components/focus/RegionFocus';
import type { Finding } from '@/utils/schemas';

afterEach(cleanup);

const finding = (
  id: string,
  severity: Finding['severity'],
  basis: Finding['basis'],
  regionIds: string[],
): Finding => ({
  id,
  title: `${severity} ${id}`,
  detail: 'detail',
  severity,
  category: 'contrast',
  basis,
  regionIds,
  confidence: 0.8,
});

describe('findings in the panel', () => {
  it('come worst first, each with its basis, confidence and numbered regions', () => {
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList
          findings={[
            finding('a', 'info', 'measured', ['r1']),
            finding('b', 'minor', 'seen', ['r2']),
            finding('c', 'critical', 'measured', ['r3', 'r4']),
            finding('d', 'major', 'inferred', []),
          ]}
        />
      </RegionFocusProvider>,
    );
    const items = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-finding'))).toEqual(['c', 'd', 'b', 'a']);
    expect(items[0]!.textContent).toContain('measured · 80% sure');
    expect(items[1]!.textContent).toContain('inferred · 80% sure');
    expect(items[2]!.textContent).toContain('seen · 80% sure');
    expect(
      within(items[0]!)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Region 3', 'Region 4']);
  });

  it('label a finding measured from an image’s pixels as such', () => {
    render(
      <RegionFocusProvider tabId={4}>
        <FindingList
          findings={[
            { ...finding('p', 'major', 'measured', ['r5']), source: 'pixels' },
            finding('d', 'minor', 'measured', ['r6']),
          ]}
        />
      </RegionFocusProvider>,
    );
    const items = within(screen.getByRole('list', { name: 'Findings' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('measured (from pixels) · 80% sure');
    expect(items[1]!.textContent).not.toContain('from pixels');
  });
});
