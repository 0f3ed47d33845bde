/**
 * Today's model spending, kept in `local:` storage so the per-day cap holds across critiques
 * and worker restarts. A new local day starts from zero. Only totals are kept: no pages, no
 * prompts, no key.
 */
import { storage } from '#imports';
import { z } from 'zod';

const Ledger = z.object({ day: z.string(), usd: z.number().nonnegative() });
type Ledger = z.infer<typeof Ledger>;

const ledgerItem = storage.defineItem<unknown>('local:modelSpend', { fallback: null });

/** The local calendar day, e.g. 2026-11-21: the cap follows the user's clock, not UTC. */
export function dayOf(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function read(now: Date): Promise<Ledger> {
  const parsed = Ledger.safeParse(await ledgerItem.getValue());
  const today = dayOf(now);
  return parsed.success && parsed.data.day === today ? parsed.data : { day: today, usd: 0 };
}

export async function spentToday(now = new Date()): Promise<number> {
  return (await read(now)).usd;
}

/** Adds a bill (from reported usage, or the estimate when a server reports none). */
export async function recordSpend(usd: number, now = new Date()): Promise<number> {
  const ledger = await read(now);
  const next = { day: ledger.day, usd: ledger.usd + Math.max(0, usd) };
  await ledgerItem.setValue(next);
  return next.usd;
}
