// Per-command memoisation for predicates several rules share (what secret a command reads, which
// literal secrets it carries), so each is computed once per command per evaluation.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';

/** Past this many commands in one evaluation, the memo keeps a Map; below it, a list searched in order. */
const SMALL = 16;

/**
 * Remembers the values for one evaluation (one `ir`) at a time, replaced when another `ir` comes,
 * rather than a WeakMap entry per command (each decision's commands are new objects, and inserting
 * them into WeakMaps cost more than the values saved). Most evaluations have a handful of
 * commands: those are kept in a list compared by identity, which spares each command the hash a
 * Map key needs; a long script's go to a Map. An evaluation nested in another (a script's own IR)
 * only starts the memo afresh: values are never shared between IRs.
 */
export function memoByCommand<T>(fn: (cmd: SimpleCommand, ir: ShellIr) => T): (cmd: SimpleCommand, ir: ShellIr) => T {
  let forIr: ShellIr | undefined;
  let keys: SimpleCommand[] = [];
  let values: T[] = [];
  let map: Map<SimpleCommand, T> | undefined;
  return (cmd, ir) => {
    if (ir !== forIr) {
      forIr = ir;
      keys = [];
      values = [];
      map = undefined;
    }
    if (map) {
      if (map.has(cmd)) return map.get(cmd)!;
    } else {
      const i = keys.indexOf(cmd);
      if (i >= 0) return values[i]!;
    }
    const value = fn(cmd, ir);
    // fn may have evaluated another IR (nested): keep this value only if the memo is still ours.
    if (forIr === ir) {
      if (map) map.set(cmd, value);
      else {
        keys.push(cmd);
        values.push(value);
        if (keys.length > SMALL) map = new Map(keys.map((k, i) => [k, values[i]!]));
      }
    }
    return value;
  };
}
