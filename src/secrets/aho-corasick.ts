/**
 * Case-insensitive multi-keyword search over bytes: every rule keyword is found in ONE pass over
 * the file, before any regex runs. Written by hand because the npm Aho-Corasick packages work on JS
 * strings (a file would first have to be decoded) and walk failure links per byte; here the
 * automaton is compiled into a dense DFA over byte classes (bytes that occur in no keyword share
 * one class, upper case folds onto lower case), so the hot loop is two array lookups per byte on
 * the raw Buffer and the table stays small enough for the CPU cache.
 */
export class KeywordMatcher {
  private readonly table: Int32Array;
  private readonly classes: Uint8Array;
  private readonly width: number;
  /** For each state, the keyword ids that end there (including via suffix links), or undefined. */
  private readonly outputs: (number[] | undefined)[];
  readonly size: number;

  constructor(readonly keywords: string[]) {
    const encoded = keywords.map((kw) => Buffer.from(kw.toLowerCase(), 'utf8'));
    // Byte classes: 0 = any byte no keyword uses; A-Z share the class of a-z.
    const classes = new Uint8Array(256);
    let width = 1;
    for (const bytes of encoded) for (const b of bytes) if (classes[b] === 0) classes[b] = width++;
    for (let b = 65; b <= 90; b++) classes[b] = classes[b + 32];
    const gotoRows: Map<number, number>[] = [new Map()];
    const out: Set<number>[] = [new Set()];
    encoded.forEach((bytes, id) => {
      if (bytes.length === 0) return;
      let s = 0;
      for (const b of bytes) {
        const c = classes[b];
        let nxt = gotoRows[s].get(c);
        if (nxt === undefined) {
          nxt = gotoRows.length;
          gotoRows.push(new Map());
          out.push(new Set());
          gotoRows[s].set(c, nxt);
        }
        s = nxt;
      }
      out[s].add(id);
    });
    const n = gotoRows.length;
    const next = new Int32Array(n * width);
    const fail = new Int32Array(n);
    // Breadth-first: a state's failure target is always complete before the state itself.
    const queue: number[] = [];
    for (let c = 0; c < width; c++) {
      const t = gotoRows[0].get(c);
      next[c] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const o of out[fail[s]]) out[s].add(o);
      for (let c = 0; c < width; c++) {
        const t = gotoRows[s].get(c);
        if (t !== undefined) {
          fail[t] = next[fail[s] * width + c];
          next[s * width + c] = t;
          queue.push(t);
        } else next[s * width + c] = next[fail[s] * width + c];
      }
    }
    // The hot loop's table holds row offsets (state × width) instead of states, negated when the
    // state ends a keyword: one lookup and one sign test per byte.
    const table = new Int32Array(n * width);
    for (let i = 0; i < table.length; i++) table[i] = out[next[i]].size ? -(next[i] * width) : next[i] * width;
    this.size = n;
    this.longest = Math.max(1, ...encoded.map((e) => e.length));
    this.table = table;
    this.classes = classes;
    this.width = width;
    this.outputs = out.map((o) => (o.size ? [...o] : undefined));
  }

  /**
   * Every keyword occurrence in the last searchWithHits() / searchStringWithHits() input, in order
   * of where it ends: `ids[k]` ended at offset `ends[k]` (inclusive), for k < count. Reused.
   */
  readonly hits = new HitList();
  /** The second half's hits, before they join the first's. */
  private readonly second = new HitList();
  /** The longest keyword, in bytes. */
  private readonly longest: number;

  /** Like search(), also recording every occurrence in `hits`. */
  searchWithHits(buf: Uint8Array): Set<number> {
    const { table, classes, outputs, width, hits, second } = this;
    const len = buf.length;
    // Two halves walked in one loop: each step's table lookup waits on the one before it, so two
    // independent walks take little more time than one (~25% less in all on bench-1g's text).
    // The second starts a keyword's length before the middle and keeps only hits ending after it.
    const mid = len >= 4096 ? len >> 1 : len;
    const bStart = Math.max(0, mid - this.longest + 1);
    hits.count = 0;
    second.count = 0;
    let rowA = 0;
    let rowB = 0;
    for (let i = 0; i < mid; i++) {
      rowA = table[rowA + classes[buf[i]]];
      if (rowA < 0) {
        rowA = -rowA;
        hits.add(outputs[(rowA / width) | 0]!, i);
      }
      if (mid === len) continue;
      const j = bStart + i;
      rowB = table[rowB + classes[buf[j]]];
      if (rowB < 0) {
        rowB = -rowB;
        if (j >= mid) second.add(outputs[(rowB / width) | 0]!, j);
      }
    }
    if (mid < len) {
      for (let j = bStart + mid; j < len; j++) {
        rowB = table[rowB + classes[buf[j]]];
        if (rowB < 0) {
          rowB = -rowB;
          if (j >= mid) second.add(outputs[(rowB / width) | 0]!, j);
        }
      }
      hits.append(second);
    }
    return hits.idSet();
  }

  /**
   * searchWithHits() over a decoded string, positions in characters (what a regex on the string
   * sees). Keywords are ASCII, so any other character is one no keyword uses.
   */
  searchStringWithHits(text: string): Set<number> {
    const { table, classes, outputs, width, hits } = this;
    hits.count = 0;
    let row = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      const ch = text.charCodeAt(i);
      row = table[row + (ch < 128 ? classes[ch] : 0)];
      if (row < 0) {
        row = -row;
        hits.add(outputs[(row / width) | 0]!, i);
      }
    }
    return hits.idSet();
  }

  /** The ids of the keywords occurring in `buf` (each at most once). */
  search(buf: Uint8Array): Set<number> {
    const found = new Set<number>();
    const seen = new Uint8Array(this.keywords.length);
    const { table, classes, outputs, width } = this;
    let row = 0;
    for (let i = 0, len = buf.length; i < len; i++) {
      row = table[row + classes[buf[i]]];
      if (row < 0) {
        row = -row;
        const o = outputs[(row / width) | 0]!;
        for (let k = 0; k < o.length; k++) {
          const id = o[k];
          if (seen[id] === 0) {
            seen[id] = 1;
            found.add(id);
          }
        }
      }
    }
    return found;
  }
}

/** Keyword hits as two growing arrays: which keyword, and the offset where it ended. */
export class HitList {
  ids = new Int32Array(1024);
  ends = new Int32Array(1024);
  count = 0;

  add(keywordIds: number[], end: number): void {
    if (this.count + keywordIds.length > this.ids.length) this.reserve(this.count + keywordIds.length);
    for (let k = 0; k < keywordIds.length; k++) {
      this.ids[this.count] = keywordIds[k];
      this.ends[this.count++] = end;
    }
  }

  /** Adds another list's hits after these (they end later). */
  append(other: HitList): void {
    this.reserve(this.count + other.count);
    this.ids.set(other.ids.subarray(0, other.count), this.count);
    this.ends.set(other.ends.subarray(0, other.count), this.count);
    this.count += other.count;
  }

  idSet(): Set<number> {
    const found = new Set<number>();
    for (let k = 0; k < this.count; k++) found.add(this.ids[k]);
    return found;
  }

  private reserve(n: number): void {
    if (n <= this.ids.length) return;
    const size = Math.max(n, this.ids.length * 2);
    const ids = new Int32Array(size);
    const ends = new Int32Array(size);
    ids.set(this.ids.subarray(0, this.count));
    ends.set(this.ends.subarray(0, this.count));
    this.ids = ids;
    this.ends = ends;
  }
}
