// Per-command memoisation for predicates several rules share (what secret a command reads, which
// literal secrets it carries), so each is computed once per command per evaluation.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';

/**
 * Remembers the values for one evaluation (one `ir`) at a time: a plain Map replaced when another
 * `ir` comes, rather than a WeakMap entry per command (each decision's commands are new objects,
 * and inserting them into WeakMaps cost more than the values saved). An evaluation nested in
 * another (a script's own IR) only starts the memo afresh: values are never shared between IRs.
 */
export function memoByCommand<T>(fn: (cmd: SimpleCommand, ir: ShellIr) => T): (cmd: SimpleCommand, ir: ShellIr) => T {
  let forIr: ShellIr | undefined;
  let values = new Map<SimpleCommand, T>();
  return (cmd, ir) => {
    if (ir !== forIr) {
      forIr = ir;
      values = new Map();
    }
    if (values.has(cmd)) return values.get(cmd)!;
    const value = fn(cmd, ir);
    // fn may have evaluated another IR (nested): keep this value only if the memo is still ours.
    if (forIr === ir) values.set(cmd, value);
    return value;
  };
}
