// Makefiles: each recipe line as the shell will see it. Make removes the line's `@`, `-` and `+`
// prefixes, keeps backslash-newline continuations (the shell joins them), turns `$$` into `$`, and
// expands its own variables first: those defined in the file (and in the files it includes, read
// like make reads them: literal names, relative to the Makefile's folder) are filled in, the
// well-known built-ins too, and anything else (functions, automatic and unknown variables) becomes
// a shell parameter, which the analysis treats as unknown and findings show as the reference again.
import { emptyExtraction, type ExtractContext, type Extraction } from './types.js';
import { Placeholders } from './placeholders.js';

const BUILTINS: Record<string, string> = {
  MAKE: 'make',
  CC: 'cc',
  CXX: 'g++',
  RM: 'rm -f',
  AR: 'ar',
  LD: 'ld',
  SHELL: '/bin/sh',
  CPP: 'cc -E',
};
const ASSIGNMENT = /^(?:(?:override|export|private)\s+)*([A-Za-z0-9_.\-/]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*(.*)$/;
const CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef|else|endif)(\s|$)/;
const DIRECTIVE = /^(-?include|sinclude|export|unexport|vpath|undefine|override)(\s|$)/;
const INCLUDE = /^(-?include|sinclude)\s+(.+)$/;
/** Includes followed at most this deep (make itself has no limit; a cycle is cut at once). */
const MAX_INCLUDE_DEPTH = 8;

type Vars = Map<string, string>;

function findClose(text: string, open: number): number {
  const openCh = text[open]!;
  const closeCh = openCh === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === openCh) depth++;
    else if (text[i] === closeCh && --depth === 0) return i;
  }
  return -1;
}

/**
 * Expands make references in a recipe line; `$@` becomes the target's name. What cannot be known
 * becomes a parameter from `unknown`, which maps it back to the reference as written.
 */
export function expandMake(text: string, vars: Vars, target: string, unknown: Placeholders, depth = 0): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(' || next === '{') {
      const close = findClose(text, i + 1);
      if (close < 0) return out + unknown.for(text.slice(i)); // unbalanced: make would fail; treat the rest as unknown
      const ref = text.slice(i, close + 1);
      const inner = text.slice(i + 2, close);
      i = close;
      if (/^[A-Za-z0-9_.\-]+$/.test(inner)) {
        const value = vars.get(inner) ?? BUILTINS[inner];
        out += value !== undefined && depth < 10 ? expandMake(value, vars, target, unknown, depth + 1) : unknown.for(ref);
      } else {
        out += unknown.for(ref); // a function call ($(shell …), $(wildcard …)) or a computed name
      }
    } else {
      out += next === '@' ? target : unknown.for(`$${next}`);
      i++;
    }
  }
  return out;
}

function stripPrefixes(line: string): string {
  return line.replace(/^[\s@+-]+/, '');
}

/** A rule line `targets : prerequisites [; recipe]`, or null. Target-specific variables are not rules. */
function parseRule(line: string): { target: string; inline?: string } | null {
  const m = /^([^:=#]+?)\s*::?(?!=)(.*)$/.exec(line);
  if (!m) return null;
  let rest = m[2]!;
  const semi = rest.indexOf(';');
  const inline = semi >= 0 ? rest.slice(semi + 1) : undefined;
  if (semi >= 0) rest = rest.slice(0, semi);
  if (/(^|[^:])[:?+!]?=/.test(rest.replace(/#.*/, ''))) return null; // target: VAR = value
  const target = m[1]!.trim().split(/\s+/)[0] ?? '';
  return inline !== undefined ? { target, inline } : { target };
}

export function extractMakefile(file: string, text: string, ctx: ExtractContext = {}): Extraction {
  const out = emptyExtraction();
  const vars: Vars = new Map();
  const unknown = new Placeholders('SEATBELT_MAKE_VAR');
  const recipes: Array<{ file: string; line: number; raw: string; target: string }> = [];
  const reading = new Set<string>();

  const read = (file: string, text: string, depth: number): void => {
    reading.add(file);
    const lines = text.split(/\r?\n/);
    let target: string | null = null;
    for (let i = 0; i < lines.length; i++) {
      const start = i;
      const line = lines[i]!;
      if (target !== null && line.startsWith('\t')) {
        let raw = line.slice(1);
        while (/(^|[^\\])(\\\\)*\\$/.test(raw) && i + 1 < lines.length) raw += '\n' + lines[++i]!.replace(/^\t/, '');
        recipes.push({ file, line: start + 1, raw, target });
        continue;
      }
      let logical = line;
      while (/(^|[^\\])(\\\\)*\\$/.test(logical) && i + 1 < lines.length) logical = logical.slice(0, -1) + ' ' + lines[++i]!.trim();
      const trimmed = logical.trim();
      if (trimmed === '' || trimmed.startsWith('#') || CONDITIONAL.test(trimmed)) continue; // these do not end a recipe
      if (/^define\s/.test(trimmed)) {
        const name = trimmed.replace(/^define\s+/, '').replace(/\s*(=|:=|::=)?\s*$/, '');
        const body: string[] = [];
        while (i + 1 < lines.length && !/^\s*endef\b/.test(lines[i + 1]!)) body.push(lines[++i]!);
        i++;
        vars.set(name, body.join('\n'));
        target = null;
        continue;
      }
      const assign = ASSIGNMENT.exec(trimmed);
      if (assign) {
        const [, name, op, value] = assign;
        if (op === '+=') vars.set(name!, `${vars.get(name!) ?? ''} ${value}`.trim());
        else if (op === '?=') vars.has(name!) || vars.set(name!, value!);
        else if (op === '!=') vars.set(name!, `$(shell ${value})`);
        else vars.set(name!, value!);
        target = null;
        continue;
      }
      const include = INCLUDE.exec(trimmed);
      if (include) {
        target = null;
        const names = expandMake(include[2]!.replace(/\s#.*$/, ''), vars, '', unknown);
        const optional = include[1] !== 'include';
        for (const name of names.split(/\s+/).filter(Boolean)) {
          const found = !name.includes('${SEATBELT_MAKE_VAR_') && !/[*?[]/.test(name) ? (ctx.readRelated?.(file, name) ?? null) : null;
          if (!found) {
            if (!optional)
              out.skipped.push({
                file,
                line: start + 1,
                source: 'makefile',
                message: `included file ${unknown.restore(name)} was not read: the variables it sets are unknown here`,
              });
            continue;
          }
          if (reading.has(found.file) || depth >= MAX_INCLUDE_DEPTH) continue;
          (out.related ??= {})[found.file] = found.text;
          read(found.file, found.text, depth + 1);
        }
        continue;
      }
      if (DIRECTIVE.test(trimmed)) {
        target = null;
        continue;
      }
      const rule = parseRule(trimmed);
      target = rule ? rule.target : null;
      if (rule?.inline !== undefined && rule.inline.trim() !== '')
        recipes.push({ file, line: start + 1, raw: rule.inline.trim(), target: rule.target });
    }
    reading.delete(file);
  };
  read(file, text, 0);
  // Recipes are expanded when they run, after every variable of every included file is set.
  for (const r of recipes) {
    const script = expandMake(stripPrefixes(r.raw), vars, r.target, unknown);
    if (script.trim() === '') continue;
    out.commands.push({
      file: r.file,
      line: r.line,
      source: 'makefile',
      where: `target "${r.target}"`,
      action: { kind: 'shell', script },
      ...(unknown.size ? { placeholders: unknown } : {}),
    });
  }
  return out;
}
