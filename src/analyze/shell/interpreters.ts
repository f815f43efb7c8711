// Interpreter invocations that carry code: `python -c`, `node -e/-p`, `perl -e/-E` (also in
// clusters like `-lne`), `ruby -e`, `php -r`; and interpreters that read their code from stdin.
import type { Word } from '../../core/ir.js';
import type { Action, Language } from './actions.js';

interface InterpreterSpec {
  language: Language;
  /** Option letters whose value is code (`-c`, `-e`). */
  code: string;
  longCode?: string[];
  /** Stop reading interpreter options after the code (python). */
  stopAfterCode?: boolean;
  /** Letters with a value (attached or next word). */
  withArg: string;
  /** Letters whose value is only attached: digits for these… */
  digits?: string;
  /** …or the rest of the cluster for these. */
  rest?: string;
  longWithArg?: string[];
  /** Letters meaning "run a module or file": no inline code. */
  module?: string;
}

const SPECS: Record<string, InterpreterSpec> = {
  python: { language: 'python', code: 'c', stopAfterCode: true, withArg: 'WXQ', module: 'm' },
  node: {
    language: 'node',
    code: 'ep',
    longCode: ['eval', 'print'],
    withArg: 'rC',
    longWithArg: ['require', 'import', 'loader', 'experimental-loader', 'input-type', 'conditions', 'inspect-port', 'title', 'env-file', 'stack-size'],
  },
  perl: { language: 'perl', code: 'eE', withArg: 'I', digits: '0lC', rest: 'idDFxMmV' },
  ruby: { language: 'ruby', code: 'e', withArg: 'rICE', digits: '0', rest: 'WTFxiK' },
  php: { language: 'php', code: 'rBRE', withArg: 'cdzf' },
};

export function interpreterOf(name: string): InterpreterSpec | null {
  if (/^(python|pypy)([23](\.\d+)?)?$/.test(name)) return SPECS.python!;
  if (name === 'node' || name === 'nodejs') return SPECS.node!;
  if (/^perl(5[\d.]*)?$/.test(name)) return SPECS.perl!;
  if (/^ruby([\d.]+)?$/.test(name)) return SPECS.ruby!;
  if (/^php([\d.]+)?$/.test(name)) return SPECS.php!;
  return null;
}

function slice(w: Word, from: number): Word {
  return { value: w.value.slice(from), static: w.static, raw: w.raw };
}

export function interpreterActions(name: string, args: Word[]): Action[] {
  const spec = interpreterOf(name);
  if (!spec) return [];
  const codes: Word[] = [];
  let operand = args.length;
  scan: for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static || !v.startsWith('-') || v === '-') {
      operand = i;
      break;
    }
    if (v === '--') {
      operand = i + 1;
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(2, eq < 0 ? undefined : eq);
      if (spec.longCode?.includes(long)) {
        const code = eq >= 0 ? slice(w, eq + 1) : args[++i];
        if (code) codes.push(code);
      } else if (spec.longWithArg?.includes(long) && eq < 0) i++;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const letter = v[j]!;
      if (spec.module?.includes(letter)) return []; // runs a module: no inline code
      if (spec.code.includes(letter)) {
        const code = j + 1 < v.length ? slice(w, j + 1) : args[++i];
        if (code) codes.push(code);
        if (spec.stopAfterCode) break scan;
        break;
      }
      if (spec.withArg.includes(letter)) {
        if (j + 1 === v.length) i++;
        break;
      }
      if (spec.digits?.includes(letter)) {
        while (j + 1 < v.length && /\d/.test(v[j + 1]!)) j++;
        continue;
      }
      if (spec.rest?.includes(letter)) break;
    }
  }
  const detail = `${name} -${spec.code[0]}`;
  if (codes.length) {
    const joined: Word = { value: codes.map((c) => c.value).join('\n'), static: codes.every((c) => c.static), raw: codes.map((c) => c.raw).join(' ') };
    return [{ kind: 'code', language: spec.language, code: joined, detail }];
  }
  const file = args[operand];
  if (!file || (file.static && file.value === '-')) return [{ kind: 'stdin-code', language: spec.language, detail: name }];
  return [];
}
