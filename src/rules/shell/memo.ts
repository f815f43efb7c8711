// Per-command memoisation for predicates several rules share (what secret a command reads, which
// literal secrets it carries), so each is computed once per command per evaluation.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';

export function memoByCommand<T>(fn: (cmd: SimpleCommand, ir: ShellIr) => T): (cmd: SimpleCommand, ir: ShellIr) => T {
  const cache = new WeakMap<SimpleCommand, { ir: ShellIr; value: T }>();
  return (cmd, ir) => {
    const hit = cache.get(cmd);
    if (hit && hit.ir === ir) return hit.value;
    const value = fn(cmd, ir);
    cache.set(cmd, { ir, value });
    return value;
  };
}
