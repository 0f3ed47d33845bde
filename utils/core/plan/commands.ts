/**
 * The follow-up language a round understands without a model: plain words with region numbers.
 *
 *   r12 bigger              one step up the page's type scale
 *   r5 primary              r5 made the strongest call to action on its screen
 *   keep r3                 r3 (and what is inside it) kept as it is in this round and the next
 *   r7 before r4            r7 shown before r4, where both sit in one flex or grid container
 *   more space around r9    more room above and below r9 (beside it, in a row)
 *
 * Commands are separated by commas, semicolons, "and", "then" or new lines; case, extra words
 * such as "please", "make" or "the", and region numbers written `r12`, `R 12`, `#12` or `region
 * 12` are all read. A clause with words the language does not know is not guessed at: it is
 * returned unread, for a model to read. Pure: the applier is ./refine.ts.
 */

export type Command =
  | { kind: 'bigger' | 'primary' | 'keep' | 'space'; regionId: string; text: string }
  | { kind: 'before'; regionId: string; otherId: string; text: string };

export interface ParsedRequest {
  commands: Command[];
  /** Clauses that are not commands, as the user wrote them: they need a model. */
  unread: string[];
}

type Verb = Command['kind'];

/** Words that may surround a command without changing it. */
const FILLER = new Set([
  'please',
  'pls',
  'make',
  'set',
  'the',
  'a',
  'an',
  'it',
  'its',
  'is',
  'be',
  'should',
  'so',
  'bit',
  'little',
  'slightly',
  'much',
  'also',
  'too',
  'text',
  'font',
  'size',
  'region',
  'box',
  'label',
  'number',
  'can',
  'you',
  'could',
  'would',
]);

/** Each verb: the words that name it (one must appear) and the words that may go with it. */
const VERBS: Record<Verb, { names: readonly string[]; with: readonly string[] }> = {
  bigger: { names: ['bigger', 'larger', 'big', 'large'], with: ['more', 'even'] },
  primary: {
    names: ['primary', 'cta'],
    with: ['action', 'button', 'main', 'as', 'call', 'to', 'the', 'one'],
  },
  keep: {
    names: ['keep', 'lock', 'freeze', 'leave', 'touch'],
    with: ['as', 'is', 'unchanged', 'alone', 'same', 'untouched', 'dont', 'do', 'not', "don't", 'as-is'],
  },
  space: {
    names: ['space', 'room', 'spacing', 'air', 'whitespace', 'breathing'],
    with: ['more', 'extra', 'add', 'give', 'around', 'round', 'to', 'of', 'some', 'with', 'for', 'near'],
  },
  before: {
    names: ['before', 'ahead'],
    with: ['put', 'move', 'place', 'show', 'of', 'order', 'first'],
  },
};

/** `r12`, `R 12`, `#12`, `region 12`, `box 12`. */
const REF = /(?:\b(?:r|region|box)\s*|#)(\d{1,4})\b/gi;
/** Commas, semicolons, new lines, "and", "then", "&", and a full stop between clauses. */
const SEPARATOR = /[\n\r;,&]+|\.(?:\s+|$)|\b(?:and|then)\b/i;

interface Clause {
  original: string;
  refs: string[];
  /** The clause's verb, null when it has none, or undefined when its words are not a command. */
  verb: Verb | null | undefined;
}

function readClause(original: string): Clause {
  const refs = [...original.matchAll(REF)].map((m) => `r${Number(m[1])}`);
  const words = original
    .replace(REF, ' ')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z' -]+/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w !== '' && !FILLER.has(w));
  const verbs = (Object.keys(VERBS) as Verb[]).filter((verb) =>
    words.some((w) => VERBS[verb].names.includes(w)),
  );
  if (verbs.length > 1) return { original, refs, verb: undefined };
  const verb = verbs[0] ?? null;
  const allowed = verb ? new Set([...VERBS[verb].names, ...VERBS[verb].with]) : new Set<string>();
  const known = words.every((w) => allowed.has(w));
  // "more space" needs its "more": "space r9" alone says nothing about which way.
  const missing =
    (verb === 'space' && !words.some((w) => ['more', 'extra', 'add', 'give'].includes(w))) ||
    // "touch r3" is the opposite of keeping it: only "don't touch" and "do not touch" keep.
    (verb === 'keep' && words.includes('touch') && !words.some((w) => ['not', 'dont', "don't"].includes(w)));
  return { original, refs, verb: known && !missing ? verb : undefined };
}

function commandsOf(verb: Verb, refs: readonly string[], text: string): Command[] | null {
  if (verb === 'before') {
    const [regionId, otherId] = refs;
    return refs.length === 2 && regionId && otherId && regionId !== otherId
      ? [{ kind: 'before', regionId, otherId, text }]
      : null;
  }
  if (refs.length === 0) return null;
  return [...new Set(refs)].map((regionId) => ({ kind: verb, regionId, text }));
}

export function parseRequest(request: string): ParsedRequest {
  const clauses = request
    .normalize('NFKC')
    .split(SEPARATOR)
    .map(
      (c) =>
        c
          ?.trim()
          .replace(/^[:\-–—]+|[:\-–—!?]+$/g, '')
          .trim() ?? '',
    )
    .filter((c) => c !== '')
    .map(readClause);
  const commands: Command[] = [];
  const unread: string[] = [];
  clauses.forEach((clause, i) => {
    let { verb } = clause;
    // A clause of region numbers alone ("r5 and r6 bigger", "keep r3, r4") takes the verb of
    // the clause after it, else the one before, when that verb takes one region at a time.
    if (verb === null && clause.refs.length > 0) {
      const single = (c: Clause | undefined) => (c?.verb && c.verb !== 'before' ? c.verb : null);
      verb = single(clauses[i + 1]) ?? single(clauses[i - 1]);
    }
    const made = verb ? commandsOf(verb, clause.refs, clause.original) : null;
    if (made) commands.push(...made);
    else unread.push(clause.original);
  });
  return { commands, unread };
}

/** The command as the language writes it: "r12 bigger", "keep r3", "r7 before r4". */
export function commandText(command: Command): string {
  switch (command.kind) {
    case 'bigger':
      return `${command.regionId} bigger`;
    case 'primary':
      return `${command.regionId} primary`;
    case 'keep':
      return `keep ${command.regionId}`;
    case 'space':
      return `more space around ${command.regionId}`;
    case 'before':
      return `${command.regionId} before ${command.otherId}`;
  }
}
