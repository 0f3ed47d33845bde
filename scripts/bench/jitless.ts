/**
 * Imported first by ./historyEntry.ts: zod decides at schema creation whether to compile
 * parsers with `new Function`, which code evaluated in an extension page may not do.
 */
import { z } from 'zod';

z.config({ jitless: true });
