// What `git config` sets or removes, read the way git reads it in both spellings: the classic one
// (`git config [scope] key value`, `--unset key`, `--remove-section s`) and the verbs of git 2.46
// (`git config set key value`, `unset`, `remove-section`, `rename-section`). Reads (`--get`,
// `--list`, `git config key`, `get`, `list`) set nothing.
import type { SimpleCommand, Word } from '../../core/ir.js';
import { gitCall } from './git-call.js';

export interface ConfigEdit {
  /** The key, lower-cased (`core.hookspath`), or for a section edit the section (`core`). */
  key: string;
  /** The new value; absent when the key or section is removed, renamed, or the value is not given. */
  value?: Word;
  /** A whole section is removed or renamed. */
  section: boolean;
}

const WITH_VALUE = new Set(['-f', '--file', '--blob', '--type', '--default', '--comment', '--value', '-t']);
const READS = new Set([
  '--get',
  '--get-all',
  '--get-regexp',
  '--get-urlmatch',
  '--get-color',
  '--get-colorbool',
  '--list',
  '-l',
  '--edit',
  '-e',
]);
const VERBS = new Set(['get', 'set', 'unset', 'list', 'rename-section', 'remove-section', 'edit']);

/** The keys (or sections) this `git config` command changes. */
export function gitConfigEdits(cmd: SimpleCommand): ConfigEdit[] {
  const g = gitCall(cmd);
  if (!g || g.sub !== 'config') return [];
  const flags: string[] = [];
  const operands: Word[] = [];
  for (let i = 0; i < g.args.length; i++) {
    const w = g.args[i]!;
    if (w.value === '--') {
      operands.push(...g.args.slice(i + 1));
      break;
    }
    if (w.static && w.value.startsWith('-')) {
      flags.push(w.value.split('=')[0]!);
      if (WITH_VALUE.has(w.value)) i++;
    } else operands.push(w);
  }
  if (flags.some((f) => READS.has(f))) return [];
  let verb = operands[0]?.value ?? '';
  if (VERBS.has(verb)) operands.shift();
  else verb = '';
  if (flags.includes('--remove-section') || flags.includes('--rename-section')) verb = 'remove-section';
  if (flags.includes('--unset') || flags.includes('--unset-all')) verb = 'unset';
  const key = operands[0];
  if (!key || verb === 'get' || verb === 'list' || verb === 'edit') return [];
  const name = key.value.toLowerCase();
  if (verb === 'remove-section' || verb === 'rename-section') return [{ key: name, section: true }];
  if (verb === 'unset') return [{ key: name, section: false }];
  // `git config key` alone reads it.
  const value = operands[1];
  return value ? [{ key: name, value, section: false }] : [];
}
