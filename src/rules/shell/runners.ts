// Project task runners that run another program from the project's tools (`npx prisma …`,
// `bundle exec rails …`, `poetry run python manage.py …`): the argv of the program they run.
import type { SimpleCommand } from '../../core/ir.js';
import { nameOf } from './programs.js';
import { interpreterKind } from '../../catalogue/kinds.js';

/** Interpreters that run a framework's script by its name (`python manage.py`, `php artisan`, `ruby bin/rails`); src/catalogue/kinds.ts. */
const SCRIPT_RUNNERS: readonly string[] = ['python', 'php', 'ruby', 'node'];

export const isScriptRunner = (name: string): boolean => SCRIPT_RUNNERS.includes(interpreterKind(name) ?? '');

/** Runner name → how many leading words (after it) to drop before the program, by first word. */
function strip(words: string[]): string[] {
  const [head, ...rest] = words;
  const skipFlags = (ws: string[]) => {
    let i = 0;
    while (i < ws.length && ws[i]!.startsWith('-')) i++;
    return ws.slice(i);
  };
  switch (head) {
    case 'npx':
    case 'bunx':
    case 'pnpx':
      return skipFlags(rest);
    case 'pnpm':
    case 'yarn':
    case 'bun':
      return ['exec', 'dlx', 'run', 'x'].includes(rest[0] ?? '') ? skipFlags(rest.slice(1)) : rest;
    case 'bundle':
    case 'poetry':
    case 'pipenv':
    case 'uv':
    case 'pdm':
    case 'hatch':
      return ['exec', 'run'].includes(rest[0] ?? '') ? skipFlags(rest.slice(1)) : words;
    default:
      return words;
  }
}

/** The program and arguments a command finally runs, runners stripped and paths reduced to names. */
export function effectiveArgv(cmd: SimpleCommand): string[] {
  let words = [nameOf(cmd), ...cmd.args.map((w) => w.value)];
  // Each strip drops at least one word, so this ends without a bound that could stop it early.
  for (;;) {
    const next = strip(words);
    if (next === words || next.length === 0) break;
    words = next;
  }
  // `python manage.py …`, `php artisan …`, `./bin/rails …`: name the script, not the interpreter.
  if (isScriptRunner(words[0] ?? '') && words[1] && !words[1].startsWith('-')) words = words.slice(1);
  return words.map((w, i) => (i === 0 ? (w.split('/').pop() ?? w) : w));
}
