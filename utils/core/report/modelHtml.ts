/**
 * The model's part of report.html: the generated image of the next state (labelled as
 * generated), the OCR check of its text, and what the model stages cost this critique, as the
 * panel's engine summary shows them.
 */
import { GENERATED_LABEL } from '@/utils/core/constants';
import { escapeHtml as e } from '@/utils/core/render/html';
import type { Critique } from '@/utils/core/schemas/record';

type Badges = (ids: readonly string[]) => string;

const usd = (value: number) => `$${value.toFixed(4)}`;
const count = (value: number) => value.toLocaleString('en-US');
/** How many missing or invented words are spelled out; the counts say the rest. */
const WORDS_SHOWN = 40;

function wordList(label: string, words: readonly string[]): string {
  if (words.length === 0) return '';
  const more = words.length > WORDS_SHOWN ? ` and ${words.length - WORDS_SHOWN} more` : '';
  return `<p>${e(label)} (${words.length}): ${e(words.slice(0, WORDS_SHOWN).join(', '))}${e(more)}</p>`;
}

/** What the planner and the image model cost, estimated and billed, and the total spent. */
export function spendHtml({ planner, imageRun }: Critique): string {
  if (!planner && !imageRun) return '';
  const rows: string[] = [];
  if (planner)
    rows.push(
      `<tr><td>Planner ${e(planner.model)}</td><td>${usd(planner.estimate.usd)}</td><td>${usd(planner.costUsd)}</td>` +
        `<td>${count(planner.usage.inputTokens)} in, ${count(planner.usage.outputTokens)} out${planner.usage.reported ? '' : ' (not reported)'}</td></tr>`,
    );
  if (imageRun)
    rows.push(
      `<tr><td>Image ${e(imageRun.model)} ${e(imageRun.size)}</td><td>${usd(imageRun.estimateUsd)}</td><td>${usd(imageRun.costUsd)}</td>` +
        `<td>${count(imageRun.usage.inputTokens)} in, ${count(imageRun.usage.outputTokens)} out${imageRun.usage.reported ? '' : ' (not reported)'}</td></tr>`,
    );
  const total = (planner?.costUsd ?? 0) + (imageRun?.costUsd ?? 0);
  return (
    '<table class="spend"><thead><tr><th scope="col">Model call</th><th scope="col">Estimated</th><th scope="col">Billed</th><th scope="col">Tokens</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody><tfoot><tr><th scope="row">Spent on this critique</th><td></td><td><strong data-spend>${usd(total)}</strong></td><td></td></tr></tfoot></table>`
  );
}

/** The generated image with its OCR check; empty when no image was asked for. */
export function generatedHtml(critique: Critique, image: string | null, badges: Badges): string {
  const { imageRun, imageCheck: check } = critique;
  if (!imageRun && !image) return '';
  const parts = ['<h2 id="generated">Generated image</h2>'];
  if (image)
    parts.push(
      `<figure><img class="shot" src="${e(image)}" alt="Image of the next state, ${e(GENERATED_LABEL)}"><figcaption>${e(GENERATED_LABEL)}</figcaption></figure>`,
    );
  else if (imageRun?.note) parts.push(`<p class="fail">${e(imageRun.note)}</p>`);
  if (check) {
    parts.push(
      `<h3>OCR check of its text</h3><p class="${check.pass ? 'pass' : 'fail'}" data-ocr>` +
        `${check.foundWords} of ${check.expectedWords} words found · ${check.missing.length} missing · ${check.invented.length} invented · ${check.pass ? 'passed' : 'failed'}</p>` +
        `<p>${e(check.reason)}</p>`,
      wordList('Missing', check.missing),
      wordList('Invented', check.invented),
      check.lostRegionIds.length > 0
        ? `<p>Regions whose text the image lost ${badges(check.lostRegionIds)}</p>`
        : '',
    );
  }
  return parts.join('\n');
}
