/**
 * Case-insensitive multi-keyword search over bytes: every rule keyword is found in ONE pass over
 * the file, before any regex runs. Written by hand because the npm Aho-Corasick packages work on JS
 * strings (a file would first have to be decoded) and walk failure links per byte; here the
 * automaton is compiled into a dense DFA table (states × 256) so the hot loop is one table lookup
 * per byte, on the raw Buffer.
 */
export class KeywordMatcher {
  private readonly table: Int32Array;
  /** For each state, the keyword ids that end there (including via suffix links), or undefined. */
  private readonly outputs: (number[] | undefined)[];
  readonly size: number;

  constructor(readonly keywords: string[]) {
    const gotoRows: Map<number, number>[] = [new Map()];
    const out: Set<number>[] = [new Set()];
    keywords.forEach((kw, id) => {
      const bytes = Buffer.from(kw.toLowerCase(), 'utf8');
      if (bytes.length === 0) return;
      let s = 0;
      for (const b of bytes) {
        let nxt = gotoRows[s].get(b);
        if (nxt === undefined) {
          nxt = gotoRows.length;
          gotoRows.push(new Map());
          out.push(new Set());
          gotoRows[s].set(b, nxt);
        }
        s = nxt;
      }
      out[s].add(id);
    });
    const n = gotoRows.length;
    this.size = n;
    const table = new Int32Array(n * 256);
    const fail = new Int32Array(n);
    // Breadth-first: a state's failure target is always computed before the state itself.
    const queue: number[] = [];
    for (let b = 0; b < 256; b++) {
      const t = gotoRows[0].get(b);
      table[b] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const o of out[fail[s]]) out[s].add(o);
      for (let b = 0; b < 256; b++) {
        const t = gotoRows[s].get(b);
        if (t !== undefined) {
          fail[t] = table[fail[s] * 256 + b];
          table[s * 256 + b] = t;
          queue.push(t);
        } else table[s * 256 + b] = table[fail[s] * 256 + b];
      }
    }
    // Fold ASCII upper case onto lower case in the table itself: no per-byte lowering in the loop.
    for (let s = 0; s < n; s++) for (let b = 65; b <= 90; b++) table[s * 256 + b] = table[s * 256 + b + 32];
    this.table = table;
    this.outputs = out.map((o) => (o.size ? [...o] : undefined));
  }

  /** The ids of the keywords occurring in `buf` (each at most once). */
  search(buf: Uint8Array): Set<number> {
    const found = new Set<number>();
    const table = this.table;
    const outputs = this.outputs;
    let s = 0;
    for (let i = 0, len = buf.length; i < len; i++) {
      s = table[(s << 8) | buf[i]];
      const o = outputs[s];
      if (o !== undefined) for (let k = 0; k < o.length; k++) found.add(o[k]);
    }
    return found;
  }
}
