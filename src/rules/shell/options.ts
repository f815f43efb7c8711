// getopt-style reading of a command's arguments, so a rule asks "is -r set?" in every spelling:
// `-rf`, `-r -f`, `-Rf`, `--recursive`, unique prefixes (`--recur`), `--opt=value`, and `--`
// ending the options (everything after it is an operand).
import type { Word } from '../../core/ir.js';
import type { CommandSpec, OptionDecl } from '../../catalogue/spec.js';

export interface OptionSpec {
  /** Short options that take a value (`-o file`, `-ofile`). Other short letters are flags. */
  shortValue?: string;
  /** Short options whose value is only attached (`-i.bak`, `-l0`); alone they take none. */
  shortOptional?: string;
  /** Long option names (without `--`) that take a value (`--output file`, `--output=file`). */
  longValue?: readonly string[];
  /** Long option names that take no value; used with longValue to expand unique prefixes. */
  longFlags?: readonly string[];
  /** Stop reading options at the first operand (POSIX; git global options, `kill`, wrappers). */
  stopAtOperand?: boolean;
}

export interface ParsedOptions {
  /** Option name → values given (`true` for a flag). Short options keyed by letter, long by name. */
  opts: Map<string, (string | true)[]>;
  operands: Word[];
  /** A dynamic word in option position: it may expand to options we cannot see. */
  dynamicOptions: boolean;
}

export function parseOptions(args: readonly Word[], spec: OptionSpec = {}): ParsedOptions {
  const opts = new Map<string, (string | true)[]>();
  const operands: Word[] = [];
  let dynamicOptions = false;
  const add = (k: string, v: string | true) => opts.set(k, [...(opts.get(k) ?? []), v]);
  const longNames = [...(spec.longValue ?? []), ...(spec.longFlags ?? [])];
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static && !v.startsWith('-')) {
      // `$FLAGS` may be `-rf`: remember that, and also treat it as an operand.
      dynamicOptions = true;
      operands.push(w);
      if (spec.stopAtOperand) break;
      continue;
    }
    if (v === '--') {
      i++;
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const given = eq >= 0 ? v.slice(2, eq) : v.slice(2);
      const name = expandLong(given, longNames);
      if (eq >= 0) add(name, v.slice(eq + 1));
      else if (spec.longValue?.includes(name) && i + 1 < args.length) add(name, args[++i]!.value);
      else add(name, true);
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let j = 1; j < v.length; j++) {
        const c = v[j]!;
        if (spec.shortOptional?.includes(c)) {
          const rest = v.slice(j + 1);
          add(c, rest || true);
          break;
        }
        if (spec.shortValue?.includes(c)) {
          const rest = v.slice(j + 1);
          if (rest) add(c, rest);
          else if (i + 1 < args.length) add(c, args[++i]!.value);
          else add(c, true);
          break;
        }
        add(c, true);
      }
      continue;
    }
    operands.push(w);
    if (spec.stopAtOperand) {
      i++;
      break;
    }
  }
  for (; i < args.length; i++) operands.push(args[i]!);
  return { opts, operands, dynamicOptions };
}

/** A unique prefix of a known long option names it (`--recur` → `recursive`), as getopt_long does. */
function expandLong(given: string, names: readonly string[]): string {
  if (names.includes(given)) return given;
  const hits = names.filter((n) => n.startsWith(given));
  return hits.length === 1 ? hits[0]! : given;
}

export function has(p: ParsedOptions, ...names: string[]): boolean {
  return names.some((n) => p.opts.has(n));
}

export function values(p: ParsedOptions, ...names: string[]): string[] {
  return names.flatMap((n) => (p.opts.get(n) ?? []).filter((v): v is string => v !== true));
}

/** The arguments' values that are not options (no option parsing: for subcommand words). */
export function positional(args: readonly Word[]): Word[] {
  return args.filter((w) => !w.value.startsWith('-'));
}

/**
 * This parser's table for a level of a catalogue spec (src/catalogue/specs): the program's option
 * grammar is written once, in its spec. Single-dash long names (`-cmd`) are not read here.
 */
export function optionSpecFrom(level: CommandSpec, extra: Pick<OptionSpec, 'stopAtOperand'> = {}): OptionSpec {
  const options = level.options ?? [];
  const mode = (o: OptionDecl) => o.value ?? 'none';
  const letters = (m: string) =>
    options
      .filter((o) => mode(o) === m)
      .flatMap((o) => o.names.filter((n) => /^-[^-]$/.test(n)).map((n) => n[1]!))
      .join('');
  const long = (m: string[]) =>
    options.filter((o) => m.includes(mode(o))).flatMap((o) => o.names.filter((n) => n.startsWith('--')).map((n) => n.slice(2)));
  return {
    shortValue: letters('required'),
    shortOptional: letters('optional'),
    longValue: long(['required']),
    longFlags: long(['none', 'optional']),
    ...extra,
  };
}
