// Git pack: commands that throw away uncommitted work or published history, also behind global
// options (`git -C dir`, `--git-dir=…`, `-c k=v`) and inline aliases.
import type { SimpleCommand } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';
import { dynamicOptionWords, GIT_PROGRAMS, gitCall, gitGrammar as grammar, gitOptions, type GitCall } from './git-call.js';
import { has, type ParsedOptions } from './options.js';
import { nameOf } from './programs.js';

function git(sub: string | string[], test: (g: GitCall, cmd: SimpleCommand) => boolean) {
  const subs = Array.isArray(sub) ? sub : [sub];
  return (cmd: SimpleCommand): boolean => {
    const g = gitCall(cmd);
    return !!g && subs.includes(g.sub) && test(g, cmd);
  };
}

const push = (g: GitCall) => gitOptions(g, grammar('push'));
/** Refspecs: the operands after the repository. */
const refspecs = (p: ParsedOptions) => p.operands.slice(1).map((w) => w.value);

/** True when `git checkout` is given paths (overwriting their uncommitted changes) rather than a branch. */
function checkoutDiscards(g: GitCall): boolean {
  const p = gitOptions(g, grammar('checkout'));
  if (has(p, 'p', 'patch')) return false;
  if (has(p, 'f', 'force', 'pathspec-from-file')) return true;
  const dd = g.args.findIndex((w) => w.value === '--');
  if (dd >= 0 && dd < g.args.length - 1) return true;
  const ops = p.operands.map((w) => w.value);
  if (has(p, 'b', 'B', 'orphan')) return ops.length > 1;
  return (
    ops.length > 1 ||
    ops.some((o) => o === '.' || o.startsWith('./') || o.startsWith(':') || /[*?[]/.test(o) || o === '..' || o.startsWith('../'))
  );
}

function restoreDiscards(g: GitCall): boolean {
  const p = gitOptions(g, grammar('restore'));
  if (has(p, 'p', 'patch')) return false;
  const worktree = has(p, 'W', 'worktree') || !has(p, 'S', 'staged');
  return worktree && (p.operands.length > 0 || has(p, 'pathspec-from-file'));
}

function branchForceDeletes(g: GitCall): boolean {
  const p = gitOptions(g, grammar('branch'));
  if (has(p, 'r', 'remotes')) return false;
  return has(p, 'D') || (has(p, 'd', 'delete') && has(p, 'f', 'force'));
}

const OPERAND_IS_COMMIT = /^(HEAD|@|ORIG_HEAD|FETCH_HEAD|origin\/|upstream\/)|[~^]\d*$|^[0-9a-f]{7,40}$/;

export const GIT_RULES: ShellRule[] = [
  {
    id: 'git.reset_hard',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: '`git reset --hard` throws away uncommitted changes for good',
    remediation: 'stash the changes first (git stash), or use git reset --keep, which refuses to lose them',
    examples: {
      block: [
        'git reset --hard',
        'git reset --hard HEAD~3',
        'F=--hard; git reset $F',
        'git reset --hard$X',
        'git -C ../repo reset --hard origin/main',
        'git --git-dir=/src/.git --work-tree=/src reset --hard',
        'git -c alias.nuke="reset --hard" nuke',
        'cd repo && git reset -q --hard',
      ],
      allow: [
        'git reset',
        'git reset HEAD file.txt',
        'git reset --soft HEAD~1',
        'git reset --soft "$(git merge-base main HEAD)"',
        'git reset -- "$FILE"',
        'git reset --keep HEAD~1',
        'git log --grep "reset --hard"',
        'echo git reset --hard',
      ],
    },
    match: git('reset', (g) => {
      const p = gitOptions(g, grammar('reset'));
      // `F=--hard; git reset $F`: a computed argument may be --hard unless the mode is spelled out.
      return has(p, 'hard') || (dynamicOptionWords(g).length > 0 && !has(p, 'soft', 'mixed', 'merge', 'keep', 'p', 'patch'));
    }),
  },
  {
    id: 'git.clean_force',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: '`git clean -f` deletes untracked files (with -d folders, with -x ignored files too) for good',
    remediation: 'preview with git clean -n, then delete the specific paths you mean',
    examples: {
      block: [
        'git clean -f',
        'git clean -fd',
        'git clean -xdf',
        'git clean $OPTS',
        'git clean -d -x --force',
        'git -C app clean -ffdx',
        'git -c clean.requireForce=false clean -d',
      ],
      allow: ['git clean -n', 'git clean -nd', 'git clean -fdn', 'git clean --dry-run -x', 'git status --ignored'],
    },
    match: git('clean', (g) => {
      const p = gitOptions(g, grammar('clean'));
      if (has(p, 'n', 'dry-run')) return false;
      return has(p, 'f', 'force') || g.config.get('clean.requireforce') === 'false' || dynamicOptionWords(g).length > 0;
    }),
  },
  {
    id: 'git.push_force',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: 'a forced or mirrored push overwrites history on the remote',
    remediation: 'use git push --force-with-lease, which refuses to overwrite work you have not seen',
    examples: {
      block: [
        'git push --force',
        'git push -f origin main',
        'git push origin +main',
        'git push origin +HEAD:refs/heads/main',
        'git push --mirror backup',
        'git -C repo push -uf origin dev',
        'git push --force-with-lease --force origin main',
      ],
      allow: [
        'git push',
        'git push origin main',
        'git push --force-with-lease origin feature',
        'git push -u origin feature/x',
        'git commit -m "git push --force"',
        'git push --force-with-lease=main:abc123 origin main',
      ],
    },
    match: git('push', (g) => {
      const p = push(g);
      return has(p, 'f', 'force', 'mirror') || refspecs(p).some((r) => r.startsWith('+'));
    }),
  },
  {
    id: 'git.push_delete',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: 'deletes branches or tags on the remote',
    remediation: 'ask a person to delete remote branches, or archive the branch instead',
    examples: {
      block: [
        'git push origin --delete feature',
        'git push -d origin v1.0',
        'git push origin :feature',
        'git push --prune origin refs/heads/*:refs/heads/*',
      ],
      allow: ['git push origin feature', 'git branch -d feature', 'git push origin main:main'],
    },
    match: git('push', (g) => {
      const p = push(g);
      return has(p, 'd', 'delete', 'prune') || refspecs(p).some((r) => r.startsWith(':') || r.startsWith('+:'));
    }),
  },
  {
    id: 'git.checkout_discard',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: '`git checkout` of paths (or with --force) overwrites uncommitted changes in the worktree',
    remediation: 'stash the changes first (git stash), or commit them to a branch',
    examples: {
      block: [
        'git checkout -- .',
        'git checkout .',
        'git checkout HEAD -- src/app.ts',
        'git checkout -f main',
        'git checkout main -- config/',
        'git -C repo checkout -- "*.ts"',
        'git switch --discard-changes main',
        'git switch -f dev',
        'git checkout --track main file.txt',
        'git checkout --recurse-submodules main file.txt',
      ],
      allow: [
        'git checkout main',
        'git checkout -b feature/x',
        'git checkout -b fix origin/main',
        'git checkout -p',
        'git switch dev',
        'git checkout v1.2.0',
        'git checkout --track origin/feature',
        'git checkout --unified 3 main',
        'git checkout --conflict merge main',
      ],
    },
    match(cmd) {
      const g = gitCall(cmd);
      if (!g) return false;
      if (g.sub === 'checkout') return checkoutDiscards(g);
      if (g.sub === 'switch') return has(gitOptions(g, grammar('switch')), 'f', 'force', 'discard-changes');
      return false;
    },
  },
  {
    id: 'git.restore_worktree',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: '`git restore` of the worktree overwrites uncommitted changes',
    remediation: 'stash the changes first (git stash); git restore --staged only unstages and is safe',
    examples: {
      block: [
        'git restore .',
        'git restore src/app.ts',
        'git restore --source=HEAD~2 -- lib/',
        'git restore -SW file.txt',
        'git restore --staged --worktree .',
      ],
      allow: ['git restore --staged file.txt', 'git restore -S .', 'git restore -p file.txt', 'git status'],
    },
    match: git('restore', restoreDiscards),
  },
  {
    id: 'git.stash_drop',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: 'drops stashed changes for good',
    remediation: 'keep the stash, or turn it into a branch (git stash branch <name>)',
    examples: {
      block: ['git stash drop', 'git stash drop stash@{2}', 'git stash clear', 'git -C repo stash clear'],
      allow: ['git stash', 'git stash pop', 'git stash list', 'git stash apply stash@{0}', 'git stash push -m wip'],
    },
    match: git('stash', (g) => {
      const verb = gitOptions(g, grammar('stash')).operands[0];
      return !!verb && (['drop', 'clear'].includes(verb.value) || !verb.static);
    }),
  },
  {
    id: 'git.branch_force_delete',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: 'force-deletes a branch even when its commits are not merged anywhere',
    remediation: 'use git branch -d, which refuses to delete unmerged work',
    examples: {
      block: [
        'git branch -D feature',
        'git branch -d -f old',
        'git branch --delete --force old',
        'git branch -Dq x',
        'git -C repo branch -D a b',
        'git update-ref -d refs/heads/main',
      ],
      allow: [
        'git branch -d merged-branch',
        'git branch',
        'git branch -a',
        'git branch -dr origin/old',
        'git branch new-branch',
        'git update-ref refs/heads/x HEAD',
      ],
    },
    match(cmd) {
      const g = gitCall(cmd);
      if (!g) return false;
      if (g.sub === 'branch') return branchForceDeletes(g);
      // `git update-ref -d refs/heads/x` deletes the branch (and its reflog) with no merge check at all.
      if (g.sub === 'update-ref') return has(gitOptions(g, grammar('update-ref')), 'd');
      return false;
    },
  },
  {
    id: 'git.filter_branch',
    programs: [...GIT_PROGRAMS, 'bfg'],
    risk: 'HIGH',
    reason: 'rewrites the whole history of the repository',
    remediation: 'ask a person to rewrite history; work on a fresh clone and keep a backup',
    examples: {
      block: [
        'git filter-branch --tree-filter "rm -f secrets.txt" HEAD',
        'git filter-repo --path src/',
        'git-filter-repo --invert-paths --path x',
        'bfg --delete-files id_rsa',
      ],
      allow: ['git log --filter=blob:none', 'git branch --list', 'git log --follow x', 'bfg --version'],
    },
    match(cmd) {
      // `bfg --version`, `git-filter-repo --help`: printing rewrites nothing.
      if (cmd.invocation?.harmless) return false;
      if (nameOf(cmd) === 'bfg') return true;
      const g = gitCall(cmd);
      return !!g && (g.sub === 'filter-branch' || g.sub === 'filter-repo');
    },
  },
  {
    id: 'git.reflog_expire',
    programs: GIT_PROGRAMS,
    risk: 'HIGH',
    reason: 'expires or deletes reflog entries, the last way back to lost commits',
    remediation: 'leave the reflog alone; git gc expires it on its own schedule',
    examples: {
      block: [
        'git reflog expire --expire=now --all',
        'git reflog delete HEAD@{1}',
        'git -C repo reflog expire --expire-unreachable=now --all',
      ],
      allow: ['git reflog', 'git reflog show main', 'git gc'],
    },
    match: git('reflog', (g) => ['expire', 'delete'].includes(g.args[0]?.value ?? '')),
  },
  {
    id: 'git.dynamic_subcommand',
    programs: GIT_PROGRAMS,
    class: 'fail_closed', // cannot be judged statically: a warning in `seatbelt scan`, blocks elsewhere
    risk: 'HIGH',
    reason: 'the git subcommand is computed at run time, so what it does (reset --hard, clean -f, push --force) cannot be checked',
    remediation: 'write the git subcommand literally',
    examples: {
      block: ['git $CMD --hard', 'git "$(cat cmd.txt)" --hard', 'git `cat cmd.txt` --hard'],
      allow: ['git checkout "$BRANCH"', 'git -C "$DIR" status', 'git log "$REF"'],
    },
    match(cmd) {
      const g = gitCall(cmd);
      return !!g && !g.subStatic;
    },
  },
  {
    id: 'git.history_rewrite',
    programs: GIT_PROGRAMS,
    risk: 'MEDIUM',
    reason: 'rewrites commits or moves branches (amend, rebase, reset to a commit, lease-protected force push)',
    remediation: 'a stricter policy does not let agents rewrite history; make a new commit instead',
    examples: {
      block: [
        'git commit --amend --no-edit',
        'git rebase main',
        'git rebase -i HEAD~3',
        'git reset --soft HEAD~1',
        'git push --force-with-lease',
        'git branch -f main HEAD~2',
        'git checkout -B main',
      ],
      allow: ['git commit -m "x"', 'git rebase --abort', 'git reset HEAD file.txt', 'git push origin main', 'git status'],
    },
    match(cmd) {
      const g = gitCall(cmd);
      if (!g) return false;
      const v = (spec = {}) => gitOptions(g, spec);
      switch (g.sub) {
        case 'commit':
          return has(v(grammar('commit')), 'amend');
        case 'rebase':
          return !g.args.some((w) =>
            ['--abort', '--continue', '--skip', '--quit', '--edit-todo', '--show-current-patch'].includes(w.value),
          );
        case 'reset': {
          const p = v(grammar('reset'));
          // `git reset <commit>` moves the branch; `git reset <commit> <paths>` and `git reset -p` only unstage.
          return (
            has(p, 'soft', 'keep', 'merge') ||
            (!has(p, 'p', 'patch') &&
              p.operands.length === 1 &&
              !['HEAD', '@'].includes(p.operands[0]!.value) &&
              OPERAND_IS_COMMIT.test(p.operands[0]!.value))
          );
        }
        case 'push':
          return has(push(g), 'force-with-lease', 'force-if-includes');
        case 'branch':
          return has(v(grammar('branch')), 'f', 'force', 'M', 'C');
        case 'checkout':
          return has(v(grammar('checkout')), 'B');
        case 'switch':
          return has(v(grammar('switch')), 'C', 'force-create');
        case 'tag':
          return has(v(grammar('tag')), 'f', 'force');
        case 'replace':
        case 'update-ref':
          return true;
        default:
          return false;
      }
    },
  },
  {
    id: 'git.push',
    programs: GIT_PROGRAMS,
    risk: 'LOW',
    reason: 'publishes commits to a remote',
    remediation: 'a stricter policy does not let agents push; ask a person to push',
    examples: {
      block: ['git push', 'git push origin main', 'git -C repo push'],
      allow: ['git status', 'git fetch', 'git pull --ff-only'],
    },
    match: git('push', () => true),
  },
];
