// Where a word or an expression makes bash evaluate text: arithmetic (`$((…))`, `((…))`, C-style
// for, `[[ a -eq b ]]`, `${x:offset:length}`), array subscripts (`${a[i]}`, `a[i]=…`), indirection
// (`${!x}`), prompt expansion (`${x@P}`) and variable names tested with `-v`. The IR builder judges
// each against the variables it knows (evaluations.ts); here they are only found, from the syntax.
import type { Evaluation } from '../ast.js';
import type { SNode as Node } from '../snapshot.js';
import { closing } from '../arith-eval.js';

/** `[[ … ]]` operators whose operands are arithmetic expressions. */
const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** The evaluations inside `${…}` (the whole expansion text). */
export function expansionEvaluations(text: string): Evaluation[] {
  const inner = text.slice(2, -1);
  const out: Evaluation[] = [];
  let i = 0;
  let prefix = '';
  if ((inner[0] === '!' || inner[0] === '#') && /^[!#][A-Za-z_0-9@*#?$!-]/.test(inner)) {
    prefix = inner[0];
    i = 1;
  }
  const param = /^([A-Za-z_]\w*|[0-9]+|[@*#?$!-])/.exec(inner.slice(i));
  if (!param) return out;
  const name = param[1]!;
  i += name.length;
  let sub: string | undefined;
  if (inner[i] === '[') {
    const end = closing(inner, i, '[', ']');
    if (end < 0) return [{ kind: 'arith', text: inner.slice(i) }]; // undecidable as written
    sub = inner.slice(i + 1, end - 1);
    i = end;
  }
  const rest = inner.slice(i);
  if (sub !== undefined && sub !== '@' && sub !== '*') out.push({ kind: 'subscript', array: name, text: sub });
  // `${!x}`, `${!x:-…}`, `${!x@P}` name a variable by x's value; `${!pre*}`, `${!a[@]}` list names and keys.
  if (prefix === '!' && rest !== '*' && rest !== '@' && sub !== '@' && sub !== '*') {
    out.push({ kind: 'indirect', name: sub === undefined ? name : `${name}[${sub}]` });
  }
  // `${x:offset}` and `${x:offset:length}` (not `${x:-…}`, `${x:=…}`, `${x:?…}`, `${x:+…}`).
  if (rest.startsWith(':') && !/^:[-=?+]/.test(rest)) {
    let depth = 0;
    let cut = -1;
    for (let k = 1; k < rest.length; k++) {
      const c = rest[k]!;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
      else if (c === ':' && depth === 0) {
        cut = k;
        break;
      }
    }
    out.push({ kind: 'arith', text: cut < 0 ? rest.slice(1) : rest.slice(1, cut) });
    if (cut >= 0) out.push({ kind: 'arith', text: rest.slice(cut + 1) });
  }
  // The prompt string is the value of the variable expanded (`${!x@P}`: of the one x names).
  if (rest === '@P') out.push({ kind: 'prompt', name: `${prefix === '!' ? '!' : ''}${name}${sub === undefined ? '' : `[${sub}]`}` });
  return out;
}

/** The evaluations in a word's nodes (not inside command substitutions: those are scripts of their own). */
export function wordEvaluations(nodes: readonly Node[]): Evaluation[] {
  const out: Evaluation[] = [];
  const stack = [...nodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'command_substitution' || n.type === 'process_substitution') continue;
    if (n.type === 'arithmetic_expansion') {
      out.push({ kind: 'arith', text: n.text.startsWith('$((') ? n.text.slice(3, -2) : n.text.slice(2, -1) });
      continue; // the whole expression is judged as text
    }
    if (n.type === 'expansion') out.push(...expansionEvaluations(n.text));
    for (let k = n.namedChildren.length - 1; k >= 0; k--) {
      const c = n.namedChildren[k];
      if (c) stack.push(c);
    }
  }
  return out;
}

/** Quote removal for a `[[ … ]]` operand when comparing it with an operator. */
const unquoted = (t: string) => t.replace(/['"\\]/g, '');

/**
 * The evaluations of a `[[ … ]]` or `[ … ]` test, from its tokens: both operands of an arithmetic
 * comparison (only in `[[ … ]]`: `[`/`test` read plain integers), and the operand of `-v`/`-R`.
 */
export function testEvaluations(tokens: readonly string[], doubleBracket: boolean): Evaluation[] {
  const out: Evaluation[] = [];
  tokens.forEach((t, k) => {
    const op = unquoted(t);
    if (doubleBracket && ARITHMETIC_TESTS.has(op)) {
      if (k > 0) out.push({ kind: 'arith', text: tokens[k - 1]! });
      if (k + 1 < tokens.length) out.push({ kind: 'arith', text: tokens[k + 1]! });
    }
    if ((op === '-v' || op === '-R') && k + 1 < tokens.length) out.push({ kind: 'name', text: tokens[k + 1]! });
  });
  return out;
}

/**
 * The subscripts an assignment evaluates: `a[i]=v`, and `[i]=v` elements of `a=( … )` (arithmetic
 * unless `a` is associative when it runs).
 */
export function assignmentEvaluations(nameNode: Node | null, valueNodes: readonly Node[]): Evaluation[] {
  const array = nameNode?.type === 'subscript' ? nameNode.childForFieldName('name')?.text : nameNode?.text;
  if (!array) return [];
  const out: Evaluation[] = [];
  if (nameNode?.type === 'subscript') {
    const index = nameNode.childForFieldName('index');
    if (index) out.push({ kind: 'subscript', array, text: index.text });
  }
  for (const v of valueNodes) {
    if (v.type !== 'array') continue;
    for (const el of v.namedChildren) {
      if (!el?.text.startsWith('[')) continue;
      const end = closing(el.text, 0, '[', ']');
      if (end > 0 && /^\+?=/.test(el.text.slice(end))) out.push({ kind: 'subscript', array, text: el.text.slice(1, end - 1) });
    }
  }
  return out;
}
