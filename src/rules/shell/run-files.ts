// Files run as programs (a script, interpreter code, SQL, a program run by its path) are judged by
// what they hold when the line is judged (the IR builder reads them: ir.programFiles). A line that
// first writes such a file and then runs it runs something else: refused.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';
import { nameOf } from './programs.js';
import { resolveTargets } from './paths.js';
import { writtenFiles } from './targets.js';

const COPIERS = new Set(['cp', 'mv', 'ln', 'install']);

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Paths a command writes, as far as they are known: with a copy into a folder, the file it makes there. */
function writtenPaths(c: SimpleCommand, ir: ShellIr): { exact: string[]; raw: string[] } {
  const exact: string[] = [];
  const raw: string[] = [];
  const words = writtenFiles(c);
  const sources = COPIERS.has(nameOf(c))
    ? c.args.filter((w) => !w.value.startsWith('-') && !words.includes(w)).map((w) => basename(w.value.replace(/\/+$/, '')))
    : [];
  for (const w of words) {
    raw.push(w.raw.replace(/['"]/g, ''));
    for (const t of resolveTargets(w, c, ir)) {
      if (t.kind !== 'path') continue;
      exact.push(t.path);
      for (const s of sources) if (s) exact.push(`${t.path === '/' ? '' : t.path}/${s}`);
    }
  }
  return { exact, raw };
}

/** The file this command runs that an earlier command writes, if any. */
function writtenThenRun(cmd: SimpleCommand, ir: ShellIr): Word | undefined {
  const files = (ir.programFiles ?? []).filter((f) => f.commandId === cmd.id);
  if (!files.length) return undefined;
  for (const earlier of ir.commands) {
    if (earlier.id >= cmd.id) break;
    const written = writtenPaths(earlier, ir);
    if (!written.exact.length && !written.raw.length) continue;
    const hit = files.find(
      (f) => (f.path !== null && written.exact.includes(f.path)) || written.raw.includes(f.word.raw.replace(/['"]/g, '')),
    );
    if (hit) return hit.word;
  }
  return undefined;
}

export const RUN_FILE_RULES: ShellRule[] = [
  {
    id: 'files.written_then_run',
    risk: 'HIGH',
    reason:
      'runs a script, program or SQL file that an earlier command of the same line creates or changes, so what runs is not what was judged',
    remediation: 'write the file in one command and run it in the next, so its contents can be read and judged when it runs',
    examples: {
      block: [
        'cp /bin/rm ./c && ./c -rf ~',
        "printf 'rm -rf ~' > x.sh; bash x.sh",
        "echo 'DROP TABLE users;' > x.sql && psql -f x.sql",
        'mv /tmp/payload.py run.py && python3 run.py',
        'cp /bin/rm . && ./rm -rf ~',
      ],
      allow: [
        'bash build.sh > build.log',
        'chmod +x run.sh && ./run.sh',
        'psql -f report.sql -o out.txt',
        'cp run.sh /tmp/run.sh.bak && ./run.sh',
      ],
    },
    match: (cmd, ir) => writtenThenRun(cmd, ir) !== undefined,
    detail: (cmd, ir) => `${writtenThenRun(cmd, ir)!.raw} is written earlier in the line`,
  },
];
