/**
 * Finds each complete object of the reply's top-level `findings` array while the JSON is still
 * streaming, so a finding can be validated and shown as soon as its closing brace arrives.
 * It scans each character once (a small JSON tokenizer: nesting, strings, escapes) and never
 * parses anything it has not seen whole.
 */
export class FindingScanner {
  private text = '';
  private index = 0;
  private stack: string[] = [];
  private inString = false;
  private escaped = false;
  private stringStart = -1;
  /** The last complete string directly inside the root object: the key before a value. */
  private lastKey = '';
  /** Stack depth of the findings array while inside it, else -1. */
  private findingsDepth = -1;
  private objectStart = -1;

  /** Adds streamed text; returns the source of each finding object completed by it. */
  push(delta: string): string[] {
    this.text += delta;
    const done: string[] = [];
    for (; this.index < this.text.length; this.index++) {
      const c = this.text[this.index];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.endString();
        continue;
      }
      if (c === '"') {
        this.inString = true;
        this.stringStart = this.index;
      } else if (c === '{' || c === '[') {
        if (c === '[' && this.stack.length === 1 && this.lastKey === 'findings') {
          this.findingsDepth = 2;
        }
        if (c === '{' && this.stack.length === this.findingsDepth) this.objectStart = this.index;
        this.stack.push(c);
      } else if (c === '}' || c === ']') {
        this.stack.pop();
        if (c === '}' && this.stack.length === this.findingsDepth && this.objectStart >= 0) {
          done.push(this.text.slice(this.objectStart, this.index + 1));
          this.objectStart = -1;
        }
        if (c === ']' && this.stack.length === this.findingsDepth - 1) this.findingsDepth = -1;
      }
    }
    return done;
  }

  private endString(): void {
    this.inString = false;
    if (this.stack.length !== 1) return;
    try {
      this.lastKey = JSON.parse(this.text.slice(this.stringStart, this.index + 1)) as string;
    } catch {
      this.lastKey = '';
    }
  }
}
