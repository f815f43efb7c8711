// `seatbelt hook install|uninstall git`: a pre-commit hook that runs `seatbelt scan --staged`, so a
// commit that adds a blocked command to a workflow, Makefile, Dockerfile, package.json or script
// is stopped. An existing pre-commit hook that is not ours is never replaced or edited: install
// refuses and prints the line to add to it (chaining into someone else's script by rewriting it
// is exactly the kind of silent change a guard must not make). core.hooksPath is honoured.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';
import type { SettingsChange } from './install.js';

export const GIT_HOOK_MARKER = '# seatbelt pre-commit hook';

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_\-./=:@%+]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The baseline the pre-commit hook reads when the repository has one (git runs hooks at the top of the work tree). */
export const GIT_HOOK_BASELINE = '.seatbelt-baseline.json';

export function preCommitScript(command: string): string {
  return [
    '#!/bin/sh',
    `${GIT_HOOK_MARKER}: judges the commands in the staged files.`,
    '# Installed by `seatbelt hook install git`; remove with `seatbelt hook uninstall git`.',
    `if [ -f ${GIT_HOOK_BASELINE} ]; then exec ${command} scan --staged --baseline ${GIT_HOOK_BASELINE}; fi`,
    `exec ${command} scan --staged`,
    '',
  ].join('\n');
}

/** What `scan --staged` prints on stderr when it stops a commit: the three ways to go on. */
export const PRE_COMMIT_BLOCKED_HELP = `seatbelt: the commit was stopped: a staged file adds a command seatbelt blocks (listed above). To go on:
  - fix it: change the command as the remediation says, then \`git add\` the file again;
  - or accept it on its line, with a reason reviewers will see: # seatbelt: allow <rule-id> -- <reason>
    (at the end of the line, or alone on the line above);
  - or accept every current finding: seatbelt scan --baseline ${GIT_HOOK_BASELINE} --update-baseline
    at the top of the repository, then \`git add ${GIT_HOOK_BASELINE}\` (the hook reads it; only new findings stop a commit).
Warnings (commands that cannot be judged statically) never stop a commit.
`;

function hooksDir(cwd: string): string {
  try {
    const out = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
      .toString()
      .trim();
    return path.resolve(cwd, out);
  } catch {
    throw new SeatbeltError('USAGE', `${cwd} is not inside a git repository`);
  }
}

export function installGitHook(cwd: string, command: string): SettingsChange {
  const dir = hooksDir(cwd);
  const file = path.join(dir, 'pre-commit');
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(GIT_HOOK_MARKER)) return { file, changed: false, message: `seatbelt is already installed in ${file}` };
    throw new SeatbeltError(
      'CONFIG',
      `a pre-commit hook already exists at ${file}; seatbelt left it unchanged. Add this line to it to chain seatbelt:\n  ${command} scan --staged || exit 1`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, preCommitScript(command), { mode: 0o755, flag: 'wx' });
  return { file, changed: true, message: `installed the seatbelt pre-commit hook at ${file}` };
}

export function uninstallGitHook(cwd: string): SettingsChange {
  const file = path.join(hooksDir(cwd), 'pre-commit');
  if (!fs.existsSync(file) || !fs.readFileSync(file, 'utf8').includes(GIT_HOOK_MARKER)) {
    return { file, changed: false, message: `no seatbelt pre-commit hook at ${file}` };
  }
  fs.unlinkSync(file);
  return { file, changed: true, message: `removed the seatbelt pre-commit hook ${file}` };
}
