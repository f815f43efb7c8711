// A getopt-style scanner over words, so each wrapper can say which of its options take a value
// and the analyser finds exactly where the wrapped command starts. Unknown options are reported,
// not guessed: a guess could hide the real command.
import type { Word } from '../../core/ir.js';
import type { CommandSpec, OptionDecl } from '../../catalogue/spec.js';

export interface OptionSpec {
  /** Short options without a value (`-i`), as one string of letters. */
  flags?: string;
  /** Short options with a value (`-u root`, `-uroot`). */
  withArg?: string;
  /** Short options whose value is optional and only attached (`-i{}`, `-d`). */
  optionalArg?: string;
  longFlags?: readonly string[];
  longWithArg?: readonly string[];
  /** Long options whose value is optional and only given with `=`. */
  longOptionalArg?: readonly string[];
  /** Accept `-10` style numeric options (nice, renice). */
  numeric?: boolean;
  /** Keep scanning after operands (GNU argument permutation); default: stop at the first operand. */
  permute?: boolean;
  /** Treat unknown options as flags instead of reporting them (for programs with huge option sets). */
  lenient?: boolean;
}

export interface FoundOption {
  /** The letter or long name, without dashes. */
  name: string;
  value?: Word;
}

export interface ScannedOptions {
  options: FoundOption[];
  /** Indexes of the operands (non-option words), in order. */
  operands: number[];
  /** The index where scanning stopped (first operand, or after `--`); args.length when none. */
  end: number;
  /** The first option not in the spec. */
  unknown?: string;
}

function valueWord(text: string, from: Word): Word {
  return { value: text, static: from.static, raw: from.raw };
}

export function hasOption(s: ScannedOptions, ...names: string[]): boolean {
  return s.options.some((o) => names.includes(o.name));
}

export function optionValues(s: ScannedOptions, ...names: string[]): Word[] {
  return s.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value!);
}

/** Scans `args` from `start`. A dynamic word is never taken for an option. */
export function scanOptions(args: readonly Word[], spec: OptionSpec, start = 0): ScannedOptions {
  const out: ScannedOptions = { options: [], operands: [], end: args.length };
  const flags = spec.flags ?? '';
  const withArg = spec.withArg ?? '';
  const optional = spec.optionalArg ?? '';
  for (let i = start; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (!w.static || !v.startsWith('-') || v === '-') {
      if (!spec.permute) {
        out.end = i;
        out.operands.push(...range(i, args.length));
        return out;
      }
      out.operands.push(i);
      continue;
    }
    if (v === '--') {
      out.end = i + 1;
      out.operands.push(...range(i + 1, args.length));
      return out;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      if (spec.longWithArg?.includes(name)) {
        if (eq >= 0) out.options.push({ name, value: valueWord(v.slice(eq + 1), w) });
        else if (i + 1 < args.length) out.options.push({ name, value: args[++i]! });
        else out.options.push({ name });
      } else if (spec.longFlags?.includes(name) || spec.longOptionalArg?.includes(name)) {
        out.options.push(eq >= 0 ? { name, value: valueWord(v.slice(eq + 1), w) } : { name });
      } else {
        out.unknown ??= v;
        if (!spec.lenient) return { ...out, end: i };
        out.options.push(eq >= 0 ? { name, value: valueWord(v.slice(eq + 1), w) } : { name });
      }
      continue;
    }
    if (spec.numeric && /^-\d+$/.test(v)) {
      out.options.push({ name: 'numeric', value: valueWord(v.slice(1), w) });
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const letter = v[j]!;
      if (withArg.includes(letter)) {
        const rest = v.slice(j + 1);
        if (rest) out.options.push({ name: letter, value: valueWord(rest, w) });
        else if (i + 1 < args.length) out.options.push({ name: letter, value: args[++i]! });
        else out.options.push({ name: letter });
        break;
      }
      if (optional.includes(letter)) {
        const rest = v.slice(j + 1);
        out.options.push(rest ? { name: letter, value: valueWord(rest, w) } : { name: letter });
        break;
      }
      if (!flags.includes(letter)) {
        out.unknown ??= '-' + letter;
        if (!spec.lenient) return { ...out, end: i };
      }
      out.options.push({ name: letter });
    }
  }
  return out;
}

function range(from: number, to: number): number[] {
  const r: number[] = [];
  for (let i = from; i < to; i++) r.push(i);
  return r;
}

const isShortName = (n: string): boolean => /^-[^-]$/.test(n);

/**
 * This scanner's table for a level of a catalogue spec (src/catalogue/specs): short letters and long
 * names by whether they take a value, so the program's option grammar is written once, in its spec.
 * Single-dash long names (`-cmd`) are not read by this scanner and are left out.
 */
export function optionSpecFrom(level: CommandSpec, extra: Pick<OptionSpec, 'permute' | 'lenient' | 'numeric'> = {}): OptionSpec {
  const options = level.options ?? [];
  const mode = (o: OptionDecl) => o.value ?? 'none';
  const letters = (m: string) =>
    options
      .filter((o) => mode(o) === m)
      .flatMap((o) => o.names.filter(isShortName).map((n) => n[1]!))
      .join('');
  const long = (m: string) =>
    options.filter((o) => mode(o) === m).flatMap((o) => o.names.filter((n) => n.startsWith('--')).map((n) => n.slice(2)));
  return {
    flags: letters('none'),
    withArg: letters('required'),
    optionalArg: letters('optional'),
    longFlags: long('none'),
    longWithArg: long('required'),
    longOptionalArg: long('optional'),
    ...extra,
  };
}
