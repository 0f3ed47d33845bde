/**
 * The verification block of report.html (a critique made with `--preview` or `--against`):
 * the score before → after, over the same regions too, how many regions matched, and each
 * group of findings. Region ids under New are the later critique's, and the report says so.
 */
import { escapeHtml as e } from '@/utils/core/render/html';
import type { Verify, VerifiedFinding } from '@/utils/core/schemas/verify';
import { MATCHED_SCORE_RULE, matchedScoreLine, regionCountLine } from '@/utils/core/verify/lines';

type Badges = (ids: readonly string[]) => string;

function group(title: string, items: readonly VerifiedFinding[], badges: Badges, about = ''): string {
  const head = `<h3>${e(title)} (${items.length})${about ? ` <span class="quiet">· ${e(about)}</span>` : ''}</h3>`;
  if (items.length === 0) return head;
  const rows = items.map(
    (f) =>
      `<li>${e(f.title)}${f.regionIds.length > 0 ? ` ${badges(f.regionIds)}` : ''}` +
      `${f.note ? ` <span class="quiet">${e(f.note)}</span>` : ''}</li>`,
  );
  return `${head}<ul>${rows.join('')}</ul>`;
}

export function verifyHtml(verify: Verify, badges: Badges): string {
  const same = matchedScoreLine(verify);
  return [
    `<p class="score"><strong>${Math.round(verify.scoreBefore)}</strong> → <strong>${Math.round(verify.scoreAfter)}</strong> page score</p>`,
    same ? `<p>${e(same)}</p><p class="quiet">${e(MATCHED_SCORE_RULE)}</p>` : '',
    `<p>${e(regionCountLine(verify.matched))}</p>`,
    `<ul>${verify.intents
      .map(
        (i) =>
          `<li>${e(i.intent)}: ${i.met === null ? 'cannot check' : i.met ? 'met' : 'not met'} · ${e(i.reason)}</li>`,
      )
      .join('')}</ul>`,
    group('Resolved', verify.resolved, badges),
    group('Still present', verify.still, badges),
    group('New', verify.new, badges, 'region numbers are the later critique’s'),
    group('Gone', verify.gone, badges, 'their regions are no longer on the page'),
    group(
      'Not re-checked',
      verify.notRechecked,
      badges,
      'a model saw these, or OCR did not read their image again; a check judges only what it measures',
    ),
  ].join('\n');
}
