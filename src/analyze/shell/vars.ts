// Variables with statically known values: `d=build; rm -rf "$d"` is `rm -rf build`, and
// `T=$(mktemp -d) && … rm -rf "$T"` removes a fresh temporary folder. A word is resolved only when
// every expansion in it is such a variable, and an unquoted one cannot split or glob differently.
import type { Word } from '../../core/ir.js';
import type { AstWord, Stmt } from './ast.js';
import { normalizePath } from './paths.js';

const NAME = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/;

/** The word with known variables substituted, or null when it cannot be resolved. */
export function resolveVars(w: Word, vars: ReadonlyMap<string, string>, ifsChanged = false): Word | null {
  // A process substitution is a script, not text to substitute into.
  if (w.static || !vars.size || !w.raw.includes('$') || /[<>]\(/.test(w.raw)) return null;
  const raw = w.raw;
  let out = '';
  let unquoted = ''; // unquoted characters, for glob detection
  const used: string[] = [];
  const variable = (i: number): { value: string; length: number } | null => {
    const m = NAME.exec(raw.slice(i));
    const name = m?.[1] ?? m?.[2];
    if (!m || !name || !vars.has(name)) return null;
    used.push(name);
    return { value: vars.get(name)!, length: m[0].length };
  };
  for (let i = 0; i < raw.length;) {
    const ch = raw[i]!;
    if (ch === "'") {
      const end = raw.indexOf("'", i + 1);
      if (end < 0) return null;
      out += raw.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < raw.length && raw[j] !== '"';) {
        const c = raw[j]!;
        if (c === '\\' && '$`"\\\n'.includes(raw[j + 1] ?? '')) {
          if (raw[j + 1] !== '\n') out += raw[j + 1];
          j += 2;
        } else if (c === '$') {
          const v = variable(j);
          if (!v) return null;
          out += v.value;
          j += v.length;
        } else if (c === '`') return null;
        else {
          out += c;
          j++;
        }
      }
      if (j >= raw.length) return null;
      i = j + 1;
    } else if (ch === '\\') {
      out += raw[i + 1] ?? '';
      i += 2;
    } else if (ch === '$') {
      const v = variable(i);
      // Unquoted: the value is split and globbed; only plain values are the same as written.
      if (!v || ifsChanged || v.value === '' || /[\s*?[\]{}'"\\$`]/.test(v.value)) return null;
      out += v.value;
      unquoted += v.value;
      i += v.length;
    } else if (ch === '`') return null;
    else {
      out += ch;
      unquoted += ch;
      i++;
    }
  }
  const glob = /[*?]|\[.*\]|\{[^{}]*(,|\.\.)[^{}]*\}/.test(unquoted);
  const resolved: Word = { value: out, static: !glob, raw, vars: used };
  if (glob) resolved.glob = true;
  return resolved;
}

/**
 * The folder `mktemp` creates when the value is exactly `$(mktemp …)`: a representative path
 * (`/tmp/tmp.XXXXXXXXXX`), for judging what is later done to it. Null for anything else. `tmpdir`
 * is where mktemp makes names by default: `$TMPDIR` when the script set it to a known value, `/tmp`
 * when the script never set it, null when it set it to something unknown (then only `-p DIR` is known).
 */
export function mktempPath(value: AstWord, cwd: string | null, home: string, tmpdir: string | null = '/tmp'): string | null {
  const w = value.word;
  if (value.subs.length !== 1 || !/^"?(\$\(|`)\s*mktemp\b[^`$()]*(\)|`)"?$/.test(w.raw)) return null;
  const body = value.subs[0]!.body;
  const cmd = body.length === 1 && body[0]!.t === 'cmd' ? body[0]!.cmd : null;
  if (!cmd || cmd.redirects.length || cmd.assignments.length) return null;
  const args = cmd.words.slice(1).map((a) => a.word);
  if (!args.every((a) => a.static)) return null;
  let dir: string | null = null;
  let template: string | null = null;
  let inTmp = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.value;
    // `-p DIR` takes a value; `--tmpdir[=DIR]` only an attached one (alone, it means $TMPDIR).
    if (a === '-p') dir = args[++i]?.value ?? null;
    else if (a === '--tmpdir') inTmp = true;
    else if (a.startsWith('--tmpdir=')) dir = a.slice(9);
    else if (a.startsWith('-p') && a.length > 2) dir = a.slice(2);
    else if (a === '-t') inTmp = true;
    else if (a === '--suffix') i++;
    else if (!a.startsWith('-')) template = a;
  }
  // GNU mktemp: `-t` prefers $TMPDIR over -p DIR; otherwise -p DIR wins, then $TMPDIR, then /tmp.
  const t = args.some((a) => a.value === '-t');
  const base = t ? (tmpdir === null ? null : tmpdir !== '/tmp' ? tmpdir : (dir ?? '/tmp')) : (dir ?? tmpdir);
  if (base === null) return null;
  if (!template) return normalizePath(`${base}/tmp.XXXXXXXXXX`, cwd, home);
  if (dir !== null || inTmp) return normalizePath(`${base}/${template}`, cwd, home);
  return normalizePath(template, cwd, home); // a bare template is made in the working folder
}

/** Names a piece of script may assign (plain and declared assignments, `read`, loop variables). */
export function assignedNames(stmts: Stmt[]): Set<string> {
  const out = new Set<string>();
  const visit = (s: Stmt): void => {
    switch (s.t) {
      case 'cmd': {
        for (const a of s.cmd.assignments) if (!s.cmd.words.length) out.add(a.name.replace(/\+$|\[.*$/g, ''));
        for (const w of s.cmd.words.slice(1)) {
          const m = /^([A-Za-z_]\w*)(\+?=|$)/.exec(w.word.value);
          if (m) out.add(m[1]!);
        }
        return;
      }
      case 'pipeline':
        return s.stages.forEach(visit);
      case 'list':
        return s.items.forEach(visit);
      case 'block':
        return s.body.forEach(visit);
      case 'if':
        s.clauses.forEach((c) => [...c.cond, ...c.body].forEach(visit));
        return (s.elseBody ?? []).forEach(visit);
      case 'loop':
        if (s.variable) out.add(s.variable);
        return [...s.cond, ...s.body].forEach(visit);
      case 'case':
        return s.items.forEach((i) => i.body.forEach(visit));
      case 'function':
        return;
    }
  };
  stmts.forEach(visit);
  return out;
}
