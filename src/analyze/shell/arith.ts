// A syntax check for arithmetic (`(( … ))`, `$(( … ))`, `let`, C-style for): tree-sitter accepts
// operands side by side (`(( a b ))`), which bash rejects. Operands and operators must alternate.

const OPERATORS = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '*=',
  '/=',
  '%=',
  '+=',
  '-=',
  '&=',
  '^=',
  '|=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '&',
  '^',
  '|',
  '=',
  '?',
  ':',
  ',',
  '!',
  '~',
];
const PREFIX = new Set(['+', '-', '!', '~', '++', '--']);
const ASSIGN = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']);
/** Operators after which an assignment may start (its left side is then a whole operand). */
const ASSIGN_AFTER = new Set([...ASSIGN, ',', '?', ':', '(']);
const LVALUE = /^[A-Za-z_]\w*(\[.*\])?$/;

/** Length of a balanced `open…close` group at `i` (0 when unbalanced). */
function balanced(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === open) depth++;
    else if (text[j] === close && --depth === 0) return j + 1 - i;
  }
  return 0;
}

/** Length of an operand at `i`: a word of letters/digits (`1i`, `0x1F`, `2#101`), `$x`, `${…}`, `$(…)`, `` `…` ``, `"…"`, with subscripts. */
function operand(text: string, i: number): number {
  let j = i;
  const m = /^[A-Za-z0-9_][A-Za-z0-9_#@.]*/.exec(text.slice(i));
  if (m) j += m[0].length;
  else if (text[i] === '$') {
    if (text[i + 1] === '(' || text[i + 1] === '{') {
      const n = balanced(text, i + 1, text[i + 1]!, text[i + 1] === '(' ? ')' : '}');
      if (!n) return 0;
      j = i + 1 + n;
    } else {
      const v = /^\$([A-Za-z_]\w*|[0-9@*#?$!-])/.exec(text.slice(i));
      if (!v) return 0;
      j += v[0].length;
    }
  } else if (text[i] === '`' || text[i] === '"' || text[i] === "'") {
    const end = text.indexOf(text[i]!, i + 1);
    if (end < 0) return 0;
    j = end + 1;
  } else return 0;
  while (text[j] === '[') {
    const n = balanced(text, j, '[', ']');
    if (!n) return 0;
    j += n;
  }
  return j - i;
}

/** True when `text` is a well-formed arithmetic expression (or comma list of them). */
export function isArithmetic(text: string): boolean {
  let expectOperand = true;
  let depth = 0;
  let seen = false;
  /** The last operand, and what came before it (null at the start). */
  let last = '';
  let beforeLast: string | null = null;
  let lastOp: string | null = null;
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (/\s/.test(ch) || (ch === '\\' && text[i + 1] === '\n')) {
      i += ch === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '(') {
      if (!expectOperand) return false;
      depth++;
      lastOp = '(';
      i++;
      continue;
    }
    if (ch === ')') {
      if (expectOperand || depth === 0) return false;
      depth--;
      i++;
      continue;
    }
    if (expectOperand) {
      const n = operand(text, i);
      if (n) {
        expectOperand = false;
        seen = true;
        last = text.slice(i, i + n);
        if ((lastOp === '++' || lastOp === '--') && !LVALUE.test(last)) return false;
        beforeLast = lastOp;
        i += n;
        continue;
      }
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op || !PREFIX.has(op)) return false;
      lastOp = op;
      i += op.length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) return false;
    // `a + b = 1`, `1 = 2`, `"i"++`: only a variable standing alone can be assigned to.
    if (ASSIGN.has(op) && (!LVALUE.test(last) || (beforeLast !== null && !ASSIGN_AFTER.has(beforeLast)))) return false;
    if ((op === '++' || op === '--') && !LVALUE.test(last)) return false;
    if (op === '++' || op === '--')
      last = ''; // `i++` is a value, not a variable
    else expectOperand = true;
    lastOp = op;
    i += op.length;
  }
  return seen && !expectOperand && depth === 0;
}
