/**
 * Where a JSON text first goes wrong. Node 20's JSON.parse messages often omit the position
 * ("Unexpected token 'x', ... is not valid JSON"), so on the error path only we re-scan the text
 * with a small recursive-descent checker to tell the user the line and column.
 */

export interface JsonErrorPosition { offset: number; line: number; column: number }

class Scanner {
  i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  private fail(): never { throw this.i; }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++, this.i++) if (this.s[this.i] !== word[k]) this.fail();
  }

  private string(): void {
    this.i++; // opening quote
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) { this.i++; return; }
      if (c < 0x20) this.fail();
      if (c === 0x5c) {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) { this.i += 2; this.fail(); }
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else { this.i++; this.fail(); }
      } else this.i++;
    }
    this.fail();
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m || m[0] === '-' || m[0].length === 0) this.fail();
    this.i += m[0].length;
  }

  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') {
      this.i++; this.ws();
      if (this.s[this.i] === '}') { this.i++; return; }
      for (;;) {
        this.ws();
        if (this.s[this.i] !== '"') this.fail();
        this.string(); this.ws();
        if (this.s[this.i] !== ':') this.fail();
        this.i++;
        this.value(); this.ws();
        if (this.s[this.i] === ',') { this.i++; continue; }
        if (this.s[this.i] === '}') { this.i++; return; }
        this.fail();
      }
    }
    if (c === '[') {
      this.i++; this.ws();
      if (this.s[this.i] === ']') { this.i++; return; }
      for (;;) {
        this.value(); this.ws();
        if (this.s[this.i] === ',') { this.i++; continue; }
        if (this.s[this.i] === ']') { this.i++; return; }
        this.fail();
      }
    }
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    this.fail();
  }

  document(): void {
    this.value(); this.ws();
    if (this.i < this.s.length) this.fail();
  }
}

/** The position of the first syntax error in `text`, or null if it is valid JSON. */
export function jsonErrorPosition(text: string): JsonErrorPosition | null {
  let offset: number;
  try {
    new Scanner(text).document();
    return null;
  } catch (e) {
    if (typeof e !== 'number') throw e;
    offset = e;
  }
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) { line++; lineStart = k + 1; }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
