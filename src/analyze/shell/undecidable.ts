// The reasons a shell analysis cannot decide statically. Each one blocks (fail closed); the id
// says why, so a user sees "blind spot of the parser" rather than a bare refusal.
import type { Undecidable } from '../../core/ir.js';

export const UNDECIDABLE = {
  syntax_error: 'parse.syntax_error',
  unknown_node: 'parse.unknown_node',
  blind_spot: 'parse.blind_spot',
  dynamic_command: 'parse.dynamic_command',
  dynamic_script: 'parse.dynamic_script',
  unknown_option: 'parse.unknown_option',
  unsupported_interpreter_code: 'parse.unsupported_interpreter_code',
  /** Arithmetic or a subscript evaluates text only known at run time (`$((x))`, `unset "a[$i]"`). */
  dynamic_arithmetic: 'parse.dynamic_arithmetic',
  /** A command name is made to run something else (`hash -p`, `enable -f`, an alias named at run time). */
  command_rebinding: 'parse.command_rebinding',
  /** A file the command runs (a script, code, SQL) cannot be read when the command is judged. */
  unreadable_file: 'parse.unreadable_file',
  input_too_large: 'limits.input_too_large',
  nesting_too_deep: 'limits.nesting_too_deep',
  /** Brace expansion makes more words, or more rounds of them, than the analysis follows. */
  expansion_too_large: 'limits.expansion_too_large',
  parse_timeout: 'limits.parse_timeout',
} as const;

export type UndecidableId = (typeof UNDECIDABLE)[keyof typeof UNDECIDABLE];

const MAX_EVIDENCE = 200;

export function undecidable(ruleId: UndecidableId, reason: string, evidence: string): Undecidable {
  const short = evidence.length > MAX_EVIDENCE ? evidence.slice(0, MAX_EVIDENCE) + '…' : evidence;
  return { ruleId, reason, evidence: short };
}
