import { describe, expect, it } from 'vitest';
import { commandText, parseRequest } from '@/utils/core/plan/commands';

const texts = (request: string) => parseRequest(request).commands.map(commandText);

describe('the follow-up command language', () => {
  it('reads each command of the language', () => {
    expect(texts('r12 bigger')).toEqual(['r12 bigger']);
    expect(texts('r5 primary')).toEqual(['r5 primary']);
    expect(texts('keep r3')).toEqual(['keep r3']);
    expect(texts('r7 before r4')).toEqual(['r7 before r4']);
    expect(texts('more space around r9')).toEqual(['more space around r9']);
  });

  it('reads several commands separated by commas, semicolons, “and”, “then” and new lines', () => {
    expect(
      texts('r12 bigger, r5 primary; keep r3 and r7 before r4\nmore space around r9 then r2 bigger'),
    ).toEqual(['r12 bigger', 'r5 primary', 'keep r3', 'r7 before r4', 'more space around r9', 'r2 bigger']);
  });

  it('takes messy writing: case, filler words, other ways to write a region number, stray punctuation', () => {
    expect(texts('Please make R12 a bit BIGGER!')).toEqual(['r12 bigger']);
    expect(texts('  #12   larger.  ')).toEqual(['r12 bigger']);
    expect(texts('region 5 should be the primary action')).toEqual(['r5 primary']);
    expect(texts('make box 5 the main CTA')).toEqual(['r5 primary']);
    expect(texts('Keep r3 as is.')).toEqual(['keep r3']);
    expect(texts('don’t touch r3')).toEqual(['keep r3']);
    expect(texts('do not touch r03')).toEqual(['keep r3']);
    expect(texts('put r7 ahead of r4')).toEqual(['r7 before r4']);
    expect(texts('give r9 more room')).toEqual(['more space around r9']);
    expect(texts('r12: bigger')).toEqual(['r12 bigger']);
    expect(texts('ｒ１２ bigger')).toEqual(['r12 bigger']);
  });

  it('gives a verb to a clause of region numbers alone: the next clause’s, else the previous one’s', () => {
    expect(texts('r5 and r6 bigger')).toEqual(['r5 bigger', 'r6 bigger']);
    expect(texts('keep r3, r4')).toEqual(['keep r3', 'keep r4']);
    expect(texts('keep r3 r4 r3')).toEqual(['keep r3', 'keep r4']);
    // `before` takes two regions at once: it lends its verb to no one.
    expect(parseRequest('r2, r7 before r4').unread).toEqual(['r2']);
  });

  it('returns what it cannot read, as written, for a model', () => {
    const parsed = parseRequest('keep the hero image, make the price bigger, r12 bigger');
    expect(parsed.commands.map(commandText)).toEqual(['r12 bigger']);
    expect(parsed.unread).toEqual(['keep the hero image', 'make the price bigger']);
  });

  it('never guesses at a clause with a word it does not know, two verbs, or the wrong number of regions', () => {
    expect(parseRequest('r12 bigger in blue')).toEqual({ commands: [], unread: ['r12 bigger in blue'] });
    expect(parseRequest('r12 red').unread).toEqual(['r12 red']);
    expect(parseRequest('keep r3 bigger').unread).toEqual(['keep r3 bigger']);
    expect(parseRequest('r7 before').unread).toEqual(['r7 before']);
    expect(parseRequest('r7 before r4 r5').unread).toEqual(['r7 before r4 r5']);
    expect(parseRequest('r7 before r7').unread).toEqual(['r7 before r7']);
    expect(parseRequest('bigger').unread).toEqual(['bigger']);
    // "space" alone says not which way; "touch" alone is the opposite of keeping.
    expect(parseRequest('space around r9').unread).toEqual(['space around r9']);
    expect(parseRequest('touch r3').unread).toEqual(['touch r3']);
    // Words that only contain a separator or an r are not split or read as regions.
    expect(parseRequest('your 3 brand colours').unread).toEqual(['your 3 brand colours']);
  });

  it('reads nothing from an empty or blank request', () => {
    expect(parseRequest('')).toEqual({ commands: [], unread: [] });
    expect(parseRequest(' ,, \n and ; ')).toEqual({ commands: [], unread: [] });
  });
});
