// Builtins that run shell text given in an option: `mapfile -C callback` (bash evaluates the
// callback with the next index and the line read appended as words) and zsh's `emulate MODE -c
// script` (runs the script in the current shell under that emulation).
import type { Word } from '../../core/ir.js';
import type { Action } from './actions.js';
import { optionValues, scanOptions } from './options.js';

/** Stands for the line `mapfile` read: unknown input, so words holding it are not static. */
export const MAPFILE_LINE = '__SEATBELT_MAPFILE_LINE__';

export function mapfileActions(name: string, args: Word[]): Action[] {
  const s = scanOptions(args, { flags: 't', withArg: 'dnOsuCc', permute: true, lenient: true });
  return optionValues(s, 'C').map((cb) => ({
    kind: 'script',
    // bash runs `callback INDEX 'LINE'`, the line single-quoted.
    text: { value: `${cb.value} 0 ${MAPFILE_LINE}`, static: cb.static, raw: cb.raw },
    detail: `${name} -C`,
    shareState: true,
    fed: true, // the line comes from the input
    placeholders: [MAPFILE_LINE],
  }));
}

/** zsh `emulate [-lLR] [zsh|sh|ksh|csh [flags…]] [-c script]`. */
export function emulateActions(args: Word[]): Action[] {
  const out: Action[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w.static && /^-[lLR]*c[lLR]*$/.test(w.value) && args[i + 1]) {
      out.push({ kind: 'script', text: args[i + 1]!, detail: 'emulate -c', shareState: true });
      i++;
    } else if (!w.static) {
      // A word known only at run time may be `-c`, or the script after it: refused.
      out.push({ kind: 'script', text: w, detail: 'emulate' });
    }
  }
  return out;
}
