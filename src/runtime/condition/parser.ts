/**
 * Parser for Falco's condition language (the libsinsp filter grammar):
 *
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | primary
 *   primary := '(' expr ')' | IDENT (a macro) | check
 *   check   := fieldref (UNARY_OP | BIN_OP value | LIST_OP list)
 *   fieldref:= FIELD ('[' arg ']')? | TRANSFORMER '(' fieldref ')'
 *   value   := quoted | bare | 'val(' fieldref ')'
 *   list    := '(' (value (',' value)*)? ')' | IDENT (a list name)
 *
 * Written by hand because no maintained npm package parses this language; it is small and
 * positions (for "file:line rule: column" errors) come for free.
 */

export type CmpOp =
  | '=' | '!=' | '<' | '<=' | '>' | '>='
  | 'contains' | 'icontains' | 'bcontains' | 'startswith' | 'bstartswith' | 'endswith'
  | 'glob' | 'iglob' | 'pmatch' | 'in' | 'intersects' | 'exists' | 'regex';

export interface FieldRef {
  kind: 'field';
  name: string;
  arg?: string;
  /** Transformers applied innermost first: tolower(basename(x)) → ['basename', 'tolower']. */
  transformers: string[];
  pos: number;
}

/** A right-hand side operand: a literal (maybe a list name to expand) or another field. */
export type Operand = { kind: 'lit'; value: string; quoted: boolean; pos: number } | { kind: 'fieldval'; field: FieldRef; pos: number };

export type Ast =
  | { kind: 'and'; items: Ast[] }
  | { kind: 'or'; items: Ast[] }
  | { kind: 'not'; item: Ast }
  | { kind: 'macro'; name: string; pos: number }
  | { kind: 'check'; field: FieldRef; op: CmpOp; value?: Operand; list?: Operand[]; listName?: boolean; pos: number };

export class ConditionSyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const UNARY_OPS = new Set(['exists']);
const LIST_OPS = new Set(['in', 'intersects', 'pmatch']);
const WORD_OPS = new Set(['contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'pmatch', 'in', 'intersects', 'exists', 'regex']);
const TRANSFORMERS = new Set(['tolower', 'toupper', 'b64', 'basename', 'len']);
const IDENT_RE = /[A-Za-z_][A-Za-z0-9_]*/y;
const FIELD_RE = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+/y;
// Bare (unquoted) values stop at whitespace, parentheses, commas and quotes, as in libsinsp.
const BARE_RE = /[^\s(),"']+/y;

export function parseCondition(text: string): Ast {
  const p = new Parser(text);
  p.ws();
  if (p.eof()) throw new ConditionSyntaxError('empty condition', 0);
  const ast = p.parseOr();
  p.ws();
  if (!p.eof()) throw new ConditionSyntaxError(`unexpected "${p.peekWord()}"`, p.i);
  return ast;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  eof(): boolean {
    return this.i >= this.s.length;
  }
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  peekWord(): string {
    const m = /\S+/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    return r ? r[0].slice(0, 30) : '<end>';
  }
  /** Keyword at the cursor, ending at a word boundary. */
  keyword(word: string): boolean {
    if (!this.s.startsWith(word, this.i)) return false;
    const next = this.s[this.i + word.length];
    if (next !== undefined && /[A-Za-z0-9_.]/.test(next)) return false;
    this.i += word.length;
    return true;
  }

  parseOr(): Ast {
    const items = [this.parseAnd()];
    for (;;) {
      this.ws();
      if (!this.keyword('or')) break;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  parseAnd(): Ast {
    const items = [this.parseNot()];
    for (;;) {
      this.ws();
      if (!this.keyword('and')) break;
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  parseNot(): Ast {
    this.ws();
    if (this.keyword('not')) return { kind: 'not', item: this.parseNot() };
    return this.parsePrimary();
  }

  parsePrimary(): Ast {
    this.ws();
    const start = this.i;
    if (this.eof()) throw new ConditionSyntaxError('unexpected end of condition, expected a check, macro or "("', start);
    if (this.s[this.i] === '(') {
      this.i++;
      const inner = this.parseOr();
      this.ws();
      if (this.s[this.i] !== ')') throw new ConditionSyntaxError(`expected ")" but found "${this.peekWord()}"`, this.i);
      this.i++;
      return inner;
    }
    // A field (has a dot) or transformer starts a check; a plain identifier is a macro.
    FIELD_RE.lastIndex = this.i;
    const fm = FIELD_RE.exec(this.s);
    IDENT_RE.lastIndex = this.i;
    const im = IDENT_RE.exec(this.s);
    if (!fm && im && TRANSFORMERS.has(im[0]) && this.s[this.i + im[0].length] === '(') {
      const field = this.parseFieldRef();
      return this.parseCheck(field, start);
    }
    if (fm) {
      const field = this.parseFieldRef();
      return this.parseCheck(field, start);
    }
    if (im) {
      if (['and', 'or', 'not'].includes(im[0])) throw new ConditionSyntaxError(`unexpected "${im[0]}"`, start);
      this.i += im[0].length;
      return { kind: 'macro', name: im[0], pos: start };
    }
    throw new ConditionSyntaxError(`unexpected "${this.peekWord()}", expected a field, macro or "("`, start);
  }

  parseFieldRef(): FieldRef {
    this.ws();
    const pos = this.i;
    IDENT_RE.lastIndex = this.i;
    const im = IDENT_RE.exec(this.s);
    if (im && TRANSFORMERS.has(im[0]) && this.s[this.i + im[0].length] === '(') {
      this.i += im[0].length + 1;
      const inner = this.parseFieldRef();
      this.ws();
      if (this.s[this.i] !== ')') throw new ConditionSyntaxError(`expected ")" after ${im[0]}(…`, this.i);
      this.i++;
      return { ...inner, transformers: [...inner.transformers, im[0]], pos };
    }
    FIELD_RE.lastIndex = this.i;
    const fm = FIELD_RE.exec(this.s);
    if (!fm) throw new ConditionSyntaxError(`expected a field name but found "${this.peekWord()}"`, this.i);
    this.i += fm[0].length;
    let arg: string | undefined;
    if (this.s[this.i] === '[') {
      this.i++;
      if (this.s[this.i] === '"' || this.s[this.i] === "'") {
        arg = this.parseQuoted();
        if (this.s[this.i] !== ']') throw new ConditionSyntaxError('expected "]" after field argument', this.i);
      } else {
        const end = this.s.indexOf(']', this.i);
        if (end < 0) throw new ConditionSyntaxError(`unterminated field argument for ${fm[0]}`, this.i);
        arg = this.s.slice(this.i, end);
        this.i = end;
      }
      this.i++;
    }
    return { kind: 'field', name: fm[0], arg, transformers: [], pos };
  }

  parseOp(): CmpOp {
    this.ws();
    const pos = this.i;
    for (const op of ['==', '!=', '<=', '>=', '=', '<', '>']) {
      if (this.s.startsWith(op, this.i)) {
        this.i += op.length;
        return (op === '==' ? '=' : op) as CmpOp;
      }
    }
    IDENT_RE.lastIndex = this.i;
    const m = IDENT_RE.exec(this.s);
    if (m && WORD_OPS.has(m[0])) {
      this.i += m[0].length;
      return m[0] as CmpOp;
    }
    throw new ConditionSyntaxError(`expected an operator but found "${this.peekWord()}"`, pos);
  }

  parseCheck(field: FieldRef, pos: number): Ast {
    const op = this.parseOp();
    if (UNARY_OPS.has(op)) return { kind: 'check', field, op, pos };
    this.ws();
    if (LIST_OPS.has(op)) {
      if (this.s[this.i] === '(') {
        this.i++;
        const list: Operand[] = [];
        this.ws();
        if (this.s[this.i] === ')') {
          this.i++;
          return { kind: 'check', field, op, list, pos };
        }
        for (;;) {
          list.push(this.parseValue());
          this.ws();
          if (this.s[this.i] === ',') {
            this.i++;
            continue;
          }
          if (this.s[this.i] === ')') {
            this.i++;
            break;
          }
          throw new ConditionSyntaxError(`expected "," or ")" in list but found "${this.peekWord()}"`, this.i);
        }
        return { kind: 'check', field, op, list, pos };
      }
      // `x in some_list` (a bare list name) or, for pmatch/in, a single value.
      const v = this.parseValue();
      return { kind: 'check', field, op, list: [v], listName: true, pos };
    }
    const value = this.parseValue();
    return { kind: 'check', field, op, value, pos };
  }

  parseValue(): Operand {
    this.ws();
    const pos = this.i;
    const c = this.s[this.i];
    if (c === '"' || c === "'") return { kind: 'lit', value: this.parseQuoted(), quoted: true, pos };
    if (this.s.startsWith('val(', this.i)) {
      this.i += 4;
      const field = this.parseFieldRef();
      this.ws();
      if (this.s[this.i] !== ')') throw new ConditionSyntaxError('expected ")" after val(…', this.i);
      this.i++;
      return { kind: 'fieldval', field, pos };
    }
    BARE_RE.lastIndex = this.i;
    const m = BARE_RE.exec(this.s);
    if (!m) throw new ConditionSyntaxError(`expected a value but found "${this.peekWord()}"`, pos);
    this.i += m[0].length;
    return { kind: 'lit', value: m[0], quoted: false, pos };
  }

  parseQuoted(): string {
    const q = this.s[this.i];
    const start = this.i;
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && this.i + 1 < this.s.length) {
        const n = this.s[this.i + 1];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        this.i += 2;
        continue;
      }
      if (c === q) {
        this.i++;
        return out;
      }
      out += c;
      this.i++;
    }
    throw new ConditionSyntaxError('unterminated quoted string', start);
  }
}

/** Every macro name an AST references (to validate and to detect loops). */
export function macroRefs(ast: Ast, out: Set<string> = new Set()): Set<string> {
  switch (ast.kind) {
    case 'and':
    case 'or':
      for (const x of ast.items) macroRefs(x, out);
      break;
    case 'not':
      macroRefs(ast.item, out);
      break;
    case 'macro':
      out.add(ast.name);
      break;
    default:
      break;
  }
  return out;
}

/** Every field an AST uses (after macro expansion by the caller), for validation. */
export function fieldRefs(ast: Ast, out: FieldRef[] = []): FieldRef[] {
  switch (ast.kind) {
    case 'and':
    case 'or':
      for (const x of ast.items) fieldRefs(x, out);
      break;
    case 'not':
      fieldRefs(ast.item, out);
      break;
    case 'check':
      out.push(ast.field);
      if (ast.value?.kind === 'fieldval') out.push(ast.value.field);
      break;
    default:
      break;
  }
  return out;
}
