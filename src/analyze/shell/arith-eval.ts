// What evaluating shell arithmetic may run. bash reads every variable an expression names and
// evaluates its value as an expression of its own, and expands an array subscript found there once
// more, command substitutions included: `x='a[$(rm -rf ~)]'; echo $((x))` runs rm. So arithmetic is
// decided only when each operand is a literal number, a special parameter that is always a number
// (`$#`, `$?`, `$$`, `$!`), a length (`${#x}`, `${#a[@]}`), or a variable whose value the walk knows
// to be such arithmetic itself (a literal, or the result of earlier arithmetic). A variable that
// comes from outside the script (the environment, `$1`, `read`, command output) holds unknown
// text: evaluating it is running code, so it is undecidable.

export interface ArithEnv {
  /** What a variable holds: an integer (the result of arithmetic), known text, or null when unknown. */
  value(name: string): { int: true } | { text: string } | null;
  /** True when `name` is an associative array: its subscripts are strings, expanded once. */
  associative(name: string): boolean;
}

export type ArithVerdict =
  /** Decided: nothing but arithmetic runs. `assigns` are the variables the expression writes. */
  | { ok: true; assigns: string[] }
  /** Undecidable: `why` says which operand; `limit` when a bound of this check was reached. */
  | { ok: false; why: string; limit?: boolean; assigns: string[] };

/** Variables whose values are followed inside one another (`a=b; b=c; $((a))`). */
export const MAX_VALUE_DEPTH = 16;

const ASSIGN_OPS = ['<<=', '>>=', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '='];
const OPERATOR_CHARS = '+-*/%<>=!~&|^?:,()';
const NAME = /^[A-Za-z_]\w*/;

class Undecided extends Error {
  constructor(
    readonly why: string,
    readonly limit = false,
  ) {
    super(why);
  }
}

/** The index just past the bracket that closes the one at `open` (-1 when unbalanced). */
export function closing(text: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === o) depth++;
    else if (text[j] === c && --depth === 0) return j + 1;
  }
  return -1;
}

class Scan {
  readonly assigns: string[] = [];
  constructor(private readonly env: ArithEnv) {}

  /** Checks `text` as an arithmetic expression; throws Undecided. */
  expression(text: string, depth: number): void {
    if (depth > MAX_VALUE_DEPTH) throw new Undecided(`variable values nested more than ${MAX_VALUE_DEPTH} deep`, true);
    for (let i = 0; i < text.length;) {
      const ch = text[i]!;
      if (/\s/.test(ch) || ch === '"' || ch === "'") {
        i++; // blanks, and quotes (removed before evaluation: what they hold is evaluated too)
      } else if (ch === '\\') {
        i += 2;
      } else if (/[0-9]/.test(ch)) {
        i += /^[0-9][0-9A-Za-z_@#]*/.exec(text.slice(i))![0].length; // 10, 0x1F, 2#101, 64#@_
      } else if (NAME.test(text.slice(i))) {
        i = this.variable(text, i, depth);
      } else if (ch === '$') {
        i = this.dollar(text, i, depth);
      } else if (ch === '`') {
        throw new Undecided('the output of a command substitution');
      } else if (OPERATOR_CHARS.includes(ch)) {
        i++;
      } else {
        throw new Undecided(`"${ch}" in the expression`);
      }
    }
  }

  /** A variable at `i` (with its subscript, if any); returns the index after it. */
  private variable(text: string, i: number, depth: number): number {
    const name = NAME.exec(text.slice(i))![0];
    let j = i + name.length;
    let sub: string | undefined;
    if (text[j] === '[') {
      const end = closing(text, j, '[', ']');
      if (end < 0) throw new Undecided(`an unclosed subscript of ${name}`);
      sub = text.slice(j + 1, end - 1);
      j = end;
    }
    if (sub !== undefined) this.subscript(name, sub, depth);
    const after = text.slice(j).replace(/^\s+/, '');
    const before = text.slice(0, i).replace(/\s+$/, '');
    const op = ASSIGN_OPS.find((o) => after.startsWith(o) && !(o === '=' && after.startsWith('==')));
    const incremented = /^(\+\+|--)/.test(after) || /(\+\+|--)$/.test(before);
    if (op !== '=') this.read(name, sub, depth); // `=` writes without reading; `+=`, `++` read first
    if ((op || incremented) && sub === undefined) this.assigns.push(name);
    return j;
  }

  /** `$…` at `i`; returns the index after it. */
  private dollar(text: string, i: number, depth: number): number {
    const next = text[i + 1];
    if (next === '(' && text[i + 2] === '(') {
      const end = closing(text, i + 1, '(', ')');
      if (end < 0) throw new Undecided('an unclosed $((');
      this.expression(text.slice(i + 3, end - 2), depth);
      return end;
    }
    if (next === '(') throw new Undecided('the output of a command substitution');
    if (next === '[') {
      const end = closing(text, i + 1, '[', ']');
      if (end < 0) throw new Undecided('an unclosed $[');
      this.expression(text.slice(i + 2, end - 1), depth);
      return end;
    }
    if (next === '{') {
      const end = closing(text, i + 1, '{', '}');
      if (end < 0) throw new Undecided('an unclosed ${');
      this.braced(text.slice(i + 2, end - 1), depth);
      return end;
    }
    if (next !== undefined && '#?$!'.includes(next)) return i + 2; // always numbers
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (name) {
      this.read(name, undefined, depth);
      return i + 1 + name.length;
    }
    throw new Undecided(`$${next ?? ''} comes from outside the script`);
  }

  /** The inside of `${…}` used as an operand. */
  private braced(inner: string, depth: number): void {
    if (/^[#?$!]$/.test(inner) || /^#[@*]?$/.test(inner)) return; // ${#} ${?} ${$} ${!} ${#@}
    const length = /^#([A-Za-z_]\w*|[0-9]+)(?:\[(.*)\])?$/s.exec(inner);
    if (length) {
      const sub = length[2];
      if (sub !== undefined && sub !== '@' && sub !== '*') this.subscript(length[1]!, sub, depth);
      return; // a length is a number
    }
    const plain = /^([A-Za-z_]\w*)(?::?-(.*))?$/s.exec(inner);
    if (plain) {
      this.read(plain[1]!, undefined, depth);
      if (plain[2] !== undefined) this.expression(plain[2], depth); // the default, when unset or empty
      return;
    }
    throw new Undecided(`\${${inner}} is not a number the script set`);
  }

  private subscript(array: string, sub: string, depth: number): void {
    if (this.env.associative(array)) {
      // A key: expanded once, never evaluated; only a substitution in it runs.
      if (/`|\$[({[]/.test(sub)) throw new Undecided(`a substitution inside the key of ${array}[…]`);
      return;
    }
    this.expression(sub, depth);
  }

  private read(name: string, sub: string | undefined, depth: number): void {
    if (sub !== undefined) throw new Undecided(`the value of ${name}[${sub}] is not known`);
    const v = this.env.value(name);
    if (!v) throw new Undecided(`$${name} is not set by the script: its value comes from outside`);
    if ('int' in v || v.text === '') return;
    try {
      this.expression(v.text, depth + 1);
    } catch (err) {
      if (err instanceof Undecided) throw new Undecided(`$${name} holds ${JSON.stringify(v.text)}: ${err.why}`, err.limit);
      throw err;
    }
  }
}

/** Decides what evaluating `text` as arithmetic runs, in the variables of `env`. */
export function evaluateArithmetic(text: string, env: ArithEnv): ArithVerdict {
  const scan = new Scan(env);
  try {
    scan.expression(text, 0);
    return { ok: true, assigns: scan.assigns };
  } catch (err) {
    if (!(err instanceof Undecided)) throw err;
    return { ok: false, why: err.why, ...(err.limit ? { limit: true } : {}), assigns: scan.assigns };
  }
}

/**
 * Whether an expression that writes a variable surely leaves a number there: it may fail part way
 * (division by zero, a negative exponent) and leave the old value.
 */
export function alwaysCompletes(text: string): boolean {
  return !/[/%]|\*\*/.test(text);
}

/** True when a word, as written, always expands to a number (`5`, `$((n + 1))`, `"$((i++))"`). */
export function integerValued(raw: string): boolean {
  const t = /^"(.*)"$/s.exec(raw)?.[1] ?? raw;
  if (/^-?[0-9]+$/.test(t)) return true;
  return t.startsWith('$((') && closing(t, 1, '(', ')') === t.length;
}

/** The variables an expression writes, whatever their values (for loops: what an iteration changes). */
export function arithmeticAssigns(text: string): string[] {
  return evaluateArithmetic(text, { value: () => ({ int: true }), associative: () => false }).assigns;
}
