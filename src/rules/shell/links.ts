// Relations between the simple commands of one script: which stages feed a pipeline stage,
// which commands run inside a substitution written in a word, which commands run later.
import type { Redirect, ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { nameOf } from './programs.js';

/** The stages before this one in its pipeline (and anything running inside them). */
export function earlierStages(cmd: SimpleCommand, ir: ShellIr): SimpleCommand[] {
  const p = cmd.pipeline;
  if (!p) return [];
  return ir.commands.filter((c) => c !== cmd && c.pipeline?.id === p.id && c.pipeline.stage < p.stage);
}

function inSubstitution(c: SimpleCommand): boolean {
  return c.context.some((x) => x.kind === 'command_substitution' || x.kind === 'process_substitution');
}

/**
 * Commands running inside a `$(…)`, backticks, `<(…)` or `>(…)` written in this word (matched
 * by source text, so nested substitutions count too).
 */
export function commandsInWord(word: Word, ir: ShellIr): SimpleCommand[] {
  if (!/[$`<>]\(|`/.test(word.raw)) return [];
  return ir.commands.filter((c) => inSubstitution(c) && c.text.length > 0 && word.raw.includes(c.text));
}

/** Commands inside substitutions anywhere in a command's words, redirect targets and assignments. */
export function commandsInCommand(cmd: SimpleCommand, ir: ShellIr): SimpleCommand[] {
  const words = [...cmd.args, cmd.name, ...cmd.redirects.map((r: Redirect) => r.target), ...cmd.assignments.map((a) => a.value)];
  const out = new Set<SimpleCommand>();
  for (const w of words) for (const c of commandsInWord(w, ir)) if (c !== cmd) out.add(c);
  return [...out];
}

/** Commands after this one in the script (the IR lists commands in source order). */
export function laterCommands(cmd: SimpleCommand, ir: ShellIr): SimpleCommand[] {
  return ir.commands.filter((c) => c.id > cmd.id);
}

/** Output redirects that write a file (`>`, `>>`, `&>`, `>|`, `<>`, `>& file`). */
export function outputRedirects(cmd: SimpleCommand): Redirect[] {
  return cmd.redirects.filter((r) => {
    if (['>', '>>', '>|', '&>', '&>>', '<>'].includes(r.op)) return true;
    return r.op === '>&' && !/^(\d+|-)$/.test(r.target.value);
  });
}

/**
 * Text a client reads as commands from stdin: a herestring or heredoc, or what earlier pipeline
 * stages print with echo/printf (`echo FLUSHALL | redis-cli`).
 */
export function stdinText(cmd: SimpleCommand, ir: ShellIr): string[] {
  const out = cmd.redirects.filter((r) => ['<<<', '<<', '<<-'].includes(r.op)).map((r) => r.target.value);
  for (const s of earlierStages(cmd, ir))
    if (['echo', 'printf', 'cat'].includes(nameOf(s)))
      out.push(s.args.map((w) => w.value).join(' '), ...s.redirects.filter((r) => r.op.startsWith('<<')).map((r) => r.target.value));
  return out;
}
