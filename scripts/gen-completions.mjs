// Regenerates completions/ from the command definitions, through the built CLI's
// `seatbelt completion <shell>` (so run `npm run build` first; `npm run completions` does both).
// `--check` writes nothing and exits 1 when a file is out of date.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const FILES = { bash: 'seatbelt.bash', zsh: '_seatbelt', fish: 'seatbelt.fish' };
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(path.join(root, 'completions'), { recursive: true });
for (const [shell, name] of Object.entries(FILES)) {
  const text = execFileSync(process.execPath, [path.join(root, 'bin/seatbelt'), 'completion', shell], { encoding: 'utf8' });
  const file = path.join(root, 'completions', name);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (current === text) continue;
  if (check) {
    process.stderr.write(`completions/${name} is out of date: run npm run completions\n`);
    stale++;
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote completions/${name}\n`);
  }
}
process.exitCode = stale ? 1 : 0;
