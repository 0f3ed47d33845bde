/**
 * A job's notes and errors are sentences for people. One said again is counted, not repeated:
 * "… (×4)" instead of the same 401 sentence four times. Every note and error is added to a
 * job here (the runner's `note`, its stage errors, and the stage outputs mergeDraft folds in).
 */
const COUNTED = /^([\s\S]*) \(×(\d+)\)$/;

function parse(sentence: string): { text: string; count: number } {
  const counted = COUNTED.exec(sentence);
  return counted ? { text: counted[1]!, count: Number(counted[2]) } : { text: sentence, count: 1 };
}

const show = ({ text, count }: { text: string; count: number }) => (count > 1 ? `${text} (×${count})` : text);

/** `list` with `more` added: a sentence already there has its count raised instead. */
export function addSentences(list: readonly string[], more: readonly string[]): string[] {
  const entries = list.map(parse);
  for (const sentence of more) {
    const next = parse(sentence);
    const same = entries.find((entry) => entry.text === next.text);
    if (same) same.count += next.count;
    else entries.push(next);
  }
  return entries.map(show);
}
