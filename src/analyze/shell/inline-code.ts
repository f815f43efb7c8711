// Code handed over in some other way (a file an interpreter runs, a program's option that takes
// Python or Ruby) is judged as the command line that would run it inline (`python3 -c CODE`), so
// every judgement of inline code applies: its shell calls, the files it changes, its capabilities.
import type { Word } from '../../core/ir.js';

/** How each language's interpreter takes code inline. */
const INLINE: Record<string, [string, string]> = {
  python: ['python3', '-c'],
  node: ['node', '-e'],
  perl: ['perl', '-e'],
  ruby: ['ruby', '-e'],
  php: ['php', '-r'],
};

/** Code as the command line that runs it inline; a file's `#!` line is dropped, and PHP's open and close tags. */
export function inlineCodeCommand(language: string, code: Word): Word[] {
  const [program, flag] = INLINE[language] ?? ['python3', '-c'];
  let text = code.value.replace(/^#![^\n]*/, '');
  if (language === 'php') text = text.replace(/^\s*<\?php\b/, '').replace(/\?>\s*$/, '');
  const lit = (v: string): Word => ({ value: v, static: true, raw: v });
  return [lit(program!), lit(flag!), { ...code, value: text }];
}
