// Builtins that take variable names, which bash resolves when they run: a subscript in such a
// name is evaluated (`unset 'a[$(cmd)]'`, `read 'a[$(cmd)]'`, `printf -v 'a[$(cmd)]'`,
// `declare 'a[$(cmd)]=1'`, `test -v 'a[$(cmd)]'` all run cmd), and `let` takes expressions.
import type { Word } from '../../core/ir.js';
import { scanOptions, optionValues, type OptionSpec } from './options.js';
import { DECLARATIONS } from './track.js';

export type Operand =
  /** A variable name; `writes` when the builtin stores input or output in it (`read x`). */
  | { role: 'name'; word: Word; writes: boolean }
  /** `NAME=VALUE` given to a declaration builtin. */
  | { role: 'assign'; name: string; value: Word; word: Word }
  /** An arithmetic expression (`let`). */
  | { role: 'arith'; word: Word };

export interface NamedOperands {
  operands: Operand[];
  /** The attribute letters a declaration sets (`-A`, `-i`, `-n`, …). */
  attributes: string;
}

/** The index of the `=` that ends a name (not one inside its subscript), or -1. */
function nameEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '=' && depth === 0) return i;
  }
  return -1;
}

function declaration(args: Word[]): NamedOperands {
  let attributes = '';
  let i = 0;
  for (; i < args.length && args[i]!.static && /^[-+][A-Za-z]+$/.test(args[i]!.value); i++) {
    if (args[i]!.value.startsWith('-')) attributes += args[i]!.value.slice(1);
  }
  if (args[i]?.static && args[i]!.value === '--') i++;
  if (/[fF]/.test(attributes)) return { operands: [], attributes }; // function names
  const operands: Operand[] = args.slice(i).map((w) => {
    const eq = nameEnd(w.value);
    if (eq <= 0) return { role: 'name', word: w, writes: false };
    const rawEq = nameEnd(w.raw);
    const value: Word = { value: w.value.slice(eq + 1), static: w.static, raw: rawEq < 0 ? w.raw : w.raw.slice(rawEq + 1) };
    return { role: 'assign', name: w.value.slice(0, eq).replace(/\+$/, ''), value, word: w };
  });
  return { operands, attributes };
}

const writer =
  (spec: OptionSpec, nameOptions: string[], operandNames: (ops: Word[]) => Word[]) =>
  (args: Word[]): NamedOperands => {
    const s = scanOptions(args, spec);
    const named = [...optionValues(s, ...nameOptions), ...operandNames(s.operands.map((i) => args[i]!))];
    return { operands: named.map((word) => ({ role: 'name', word, writes: true })), attributes: '' };
  };

/** `-v NAME`/`-R NAME` in a test's arguments. */
function testNames(args: Word[]): NamedOperands {
  const operands: Operand[] = [];
  args.forEach((w, k) => {
    if (w.static && (w.value === '-v' || w.value === '-R') && args[k + 1])
      operands.push({ role: 'name', word: args[k + 1]!, writes: false });
  });
  return { operands, attributes: '' };
}

const BUILTINS: Record<string, (args: Word[]) => NamedOperands> = {
  read: writer({ flags: 'ers', withArg: 'adinNptu', permute: true, lenient: true }, ['a'], (ops) => ops),
  mapfile: writer({ flags: 't', withArg: 'dnOsuCc', permute: true, lenient: true }, [], (ops) => ops.slice(0, 1)),
  readarray: writer({ flags: 't', withArg: 'dnOsuCc', permute: true, lenient: true }, [], (ops) => ops.slice(0, 1)),
  printf: writer({ withArg: 'v', lenient: true }, ['v'], () => []),
  wait: writer({ flags: 'fn', withArg: 'p', lenient: true }, ['p'], () => []),
  getopts: (args) => ({ operands: args[1] ? [{ role: 'name', word: args[1], writes: true }] : [], attributes: '' }),
  unset: (args) => {
    let i = 0;
    let functions = false;
    for (; i < args.length && args[i]!.static && /^-[fvn]+$/.test(args[i]!.value); i++) if (args[i]!.value.includes('f')) functions = true;
    if (args[i]?.static && args[i]!.value === '--') i++;
    return { operands: functions ? [] : args.slice(i).map((word) => ({ role: 'name', word, writes: false })), attributes: '' };
  },
  test: testNames,
  '[': testNames,
  let: (args) => ({ operands: args.map((word) => ({ role: 'arith', word })), attributes: '' }),
};

/** The variable names and expressions a builtin takes, or null when `name` is not such a builtin. */
export function namedOperands(name: string, args: Word[]): NamedOperands | null {
  if (DECLARATIONS.has(name)) return declaration(args);
  return Object.hasOwn(BUILTINS, name) ? BUILTINS[name]!(args) : null;
}
