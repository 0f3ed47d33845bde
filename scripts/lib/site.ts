/**
 * Site mode of the critique CLI: many pages, `jobs` browsers critiquing them in parallel, a
 * folder per page (scripts/lib/critiquePage.ts), then `index.html` and `summary.json`. A page
 * that fails (unreachable, an HTTP error, a failed job, a crashed browser) is reported as failed
 * with its reason, and the others go on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repeatingFindings, worstFindings, type DonePage } from '@/utils/core/site/findings';
import { renderSiteIndex } from '@/utils/core/site/indexHtml';
import { isUrl, parseUrlList, sitemapPages } from '@/utils/core/site/pageList';
import { uniqueSlugs } from '@/utils/core/site/slug';
import { SiteSummary, type SitePage } from '@/utils/core/site/summary';
import type { Settings } from '@/utils/core/schemas/settings';
import { critiquable } from '@/utils/background/tabs/critiquable';
import { ensureBuilt, launch, type Harness } from '@/scripts/lib/browser';
import {
  PageError,
  critiquePage,
  resolveTarget,
  setModel,
  type PageOptions,
} from '@/scripts/lib/critiquePage';

/** Bad input: exit 2 with one plain sentence. */
export class InputError extends Error {}

export const MAX_JOBS = 8;
export const DEFAULT_LIMIT = 100;
/**
 * A page that takes longer is failed (a full page with a model takes
 * about a minute). RESTAGE_PAGE_TIMEOUT_S changes it, for tests.
 */
const PAGE_TIMEOUT_MS = Number(process.env.RESTAGE_PAGE_TIMEOUT_S ?? 300) * 1000;

export interface SiteSource {
  kind: 'urls' | 'sitemap';
  path: string;
}

export interface SiteOptions extends Omit<PageOptions, 'out' | 'against' | 'onEvent'> {
  source: SiteSource;
  jobs: number;
  limit: number;
  out: string;
  model: Settings | null;
}

/** The list's pages, or a plain refusal. */
async function loadTargets(
  source: SiteSource,
  limit: number,
): Promise<{ targets: string[]; notes: string[] }> {
  if (source.kind === 'urls') {
    const file = resolve(source.path);
    if (!existsSync(file)) throw new InputError(`No such file: ${file}.`);
    const targets = parseUrlList(readFileSync(file, 'utf8'), dirname(file));
    if (targets.length === 0) throw new InputError(`${file} lists no pages.`);
    const notes =
      targets.length > limit
        ? [`The list has ${targets.length} pages; the first ${limit} were critiqued (--limit).`]
        : [];
    return { targets: targets.slice(0, limit), notes };
  }
  const read = async (where: string): Promise<Uint8Array> => {
    if (!isUrl(where)) {
      const file = resolve(where);
      if (!existsSync(file)) throw new Error(`No such file: ${file}.`);
      return readFileSync(file);
    }
    const verdict = critiquable(where);
    if (!verdict.ok) throw new Error(verdict.reason);
    const response = await fetch(where, { signal: AbortSignal.timeout(30_000) }).catch((error: Error) => {
      throw new Error(`Could not reach ${where}: ${error.cause ?? error.message}.`);
    });
    if (response.status >= 400) throw new Error(`${where} answered HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  };
  try {
    const { pages, cut } = await sitemapPages(source.path, read, limit);
    if (pages.length === 0) throw new Error(`${source.path} lists no pages.`);
    return {
      targets: pages,
      notes: cut
        ? [`The sitemap lists more than ${limit} pages; the first ${limit} were critiqued (--limit).`]
        : [],
    };
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/** Rejects after `ms`, so a hung page cannot hold its browser forever. */
function deadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new PageError(`It took longer than ${ms / 1000} s.`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** On a terminal, one line as each page starts and ends; silent when piped, as for one page. */
const progress = (line: string) => {
  if (process.stderr.isTTY) process.stderr.write(`${line}\n`);
};

export async function critiqueSite(options: SiteOptions): Promise<number> {
  const { targets, notes } = await loadTargets(options.source, options.limit);
  ensureBuilt();
  const slugs = uniqueSlugs(targets);
  mkdirSync(options.out, { recursive: true });
  const startedAt = new Date();
  const started = performance.now();
  const pages: SitePage[] = [];
  const thumbs: Record<string, string> = {};
  const findings = new Map<string, DonePage['findings']>();
  const total = targets.length;
  let next = 0;

  const critiqueOne = async (index: number, harness: () => Promise<Harness>): Promise<SitePage> => {
    const target = targets[index]!;
    const slug = slugs[index]!;
    const t = performance.now();
    const failed = (reason: string, extra: Partial<SitePage> = {}): SitePage => ({
      target,
      url: null,
      slug,
      state: 'failed',
      reason,
      title: null,
      score: null,
      findings: 0,
      seconds: (performance.now() - t) / 1000,
      written: false,
      ...extra,
    });
    let opened: Awaited<ReturnType<typeof resolveTarget>>;
    try {
      opened = await resolveTarget(target);
    } catch (error) {
      return failed((error as Error).message);
    }
    try {
      const result = await critiquePage(await harness(), opened.url, {
        ...options,
        out: join(options.out, slug),
        against: null,
      });
      const { critique, record, artifacts } = result;
      if (artifacts.thumb) thumbs[slug] = `data:image/jpeg;base64,${artifacts.thumb.toString('base64')}`;
      const page: SitePage = {
        target,
        url: critique.url,
        slug,
        state: record.job.state === 'done' ? 'done' : 'failed',
        reason:
          record.job.state === 'done'
            ? null
            : (record.job.error ?? `The critique ended ${record.job.state}.`),
        title: critique.title || null,
        score: critique.score?.value ?? null,
        findings: critique.findings.length,
        seconds: result.seconds,
        written: true,
      };
      if (page.state === 'done') findings.set(slug, critique.findings);
      return page;
    } finally {
      await opened.close?.();
    }
  };

  const worker = async () => {
    let harness: Harness | null = null;
    const current = async () => {
      if (harness) return harness;
      harness = await launch({ width: options.width, height: options.height });
      if (options.model) await setModel(harness, options.model);
      return harness;
    };
    // A browser that threw or hung may be broken: closed, and the next page starts a new one.
    const discard = () => {
      const broken = harness;
      harness = null;
      void broken?.close().catch(() => undefined);
    };
    try {
      while (next < total) {
        const index = next++;
        const label = `[${index + 1}/${total}]`;
        progress(`${label} start ${slugs[index]}`);
        const t = performance.now();
        const page = await deadline(critiqueOne(index, current), PAGE_TIMEOUT_MS, discard).catch(
          (error: unknown): SitePage => {
            discard();
            return {
              target: targets[index]!,
              url: null,
              slug: slugs[index]!,
              state: 'failed',
              reason: error instanceof Error ? error.message : String(error),
              title: null,
              score: null,
              findings: 0,
              seconds: (performance.now() - t) / 1000,
              written: existsSync(join(options.out, slugs[index]!, 'critique.json')),
            };
          },
        );
        pages[index] = page;
        progress(
          page.state === 'done'
            ? `${label} done  ${(page.title ?? page.slug).slice(0, 48)}  score ${Math.round(page.score ?? 0)}  ${page.findings} findings  ${page.seconds.toFixed(1)} s`
            : `${label} failed  ${page.slug}  ${page.reason}`,
        );
      }
    } finally {
      await (harness as Harness | null)?.close().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, total) }, worker));

  const seconds = (performance.now() - started) / 1000;
  const done = pages.filter((p) => p.state === 'done');
  const donePages = done.map((p) => ({ slug: p.slug, findings: findings.get(p.slug) ?? [] }));
  const repeating = repeatingFindings(donePages);
  const summary = SiteSummary.parse({
    schemaVersion: 1,
    source: { kind: options.source.kind, location: options.source.path },
    jobs: options.jobs,
    startedAt: startedAt.toISOString(),
    seconds,
    pagesPerMinute: seconds > 0 ? done.length / (seconds / 60) : 0,
    notes,
    pages,
    worst: worstFindings(donePages, repeating),
    repeating,
  });
  writeFileSync(join(options.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(options.out, 'index.html'), renderSiteIndex(summary, thumbs));
  console.log(
    `Restage site critique of ${options.source.path}\n` +
      pages
        .map((p) =>
          p.state === 'done'
            ? `  done    ${p.slug} · score ${Math.round(p.score ?? 0)}/100 · ${p.findings} findings\n`
            : `  failed  ${p.slug} · ${p.reason}\n`,
        )
        .join('') +
      `  ${done.length} done, ${pages.length - done.length} failed · ${repeating.length} kinds of finding on every page · ${seconds.toFixed(1)} s, ${summary.pagesPerMinute.toFixed(1)} pages a minute with ${options.jobs} browsers\n` +
      `  wrote a folder per page, index.html and summary.json to ${options.out}`,
  );
  return done.length > 0 ? 0 : 1;
}
