// Filesystem pack: recursive deletes of the root, a home, system folders, the working folder or a
// target we cannot resolve; broad `find` deletions; moving system folders; overwriting,
// truncating or removing the files a system needs to log in, grant privileges and boot.
import type { ShellIr, SimpleCommand } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';
import { earlierStages, outputRedirects } from './links.js';
import { globMatches, homeOf, isAncestorOrSelf, isCriticalFile, isSystemProgram, protectedKind, resolveTargets, type Protected, type Target } from './paths.js';
import { nameOf } from './programs.js';
import { moveSources, removal, removedFiles, writtenFiles } from './targets.js';
import { findCall } from './find.js';

/** The targets of a recursive delete; `maybe` when recursion hides in a dynamic option word. */
function recursiveTargets(cmd: SimpleCommand, ir: ShellIr): { sure: boolean; targets: Target[]; unbounded: boolean } | undefined {
  const r = removal(cmd);
  if (!r || !(r.recursive || r.maybeRecursive)) return undefined;
  const targets = r.targets.flatMap((w) => resolveTargets(w, cmd, ir));
  const unbounded = r.unknownOperands && !fedByBoundedFind(cmd, ir);
  return { sure: r.recursive, targets, unbounded };
}

/** `find <safe roots> … | xargs rm -rf`: the names come from under roots we judged. */
function fedByBoundedFind(cmd: SimpleCommand, ir: ShellIr): boolean {
  const finds = earlierStages(cmd, ir).filter((c) => nameOf(c) === 'find');
  return finds.length > 0 && finds.every((f) => findCall(f, ir).roots.every((t) => t.kind !== 'unknown' && rootKind(t, ir) === null));
}

function rootKind(t: Target, ir: ShellIr): Protected | null {
  return protectedKind(t.kind === 'path' ? { kind: 'glob', base: t.path, pattern: '*' } : t, homeOf(ir));
}

function deletes(kind: Protected) {
  return (cmd: SimpleCommand, ir: ShellIr): boolean => {
    const r = recursiveTargets(cmd, ir);
    return !!r && r.targets.some((t) => protectedKind(t, homeOf(ir)) === kind);
  };
}

const NOT_ROOT = 'name the folder you mean by its full path, below the home or project folder, and never the folder itself';

export const FILESYSTEM_RULES: ShellRule[] = [
  {
    id: 'filesystem.recursive_delete_root',
    risk: 'CRITICAL',
    reason: 'recursive delete of the root folder or everything in it',
    remediation: NOT_ROOT,
    examples: {
      block: ['rm -rf /', 'sudo rm -rf --no-preserve-root /', 'rm -r -f /*', "r''m -fr '/'", 'cd / && rm -rf *', 'rm -rf /tmp/../', 'FLAGS=-rf; rm $FLAGS /', 'rm --recursive --force //'],
      allow: ['rm -rf ./build', 'rm -rf /tmp/cache', 'echo rm -rf /', 'rm -f /tmp/x.log', 'git commit -m "rm -rf /"'],
    },
    match: deletes('root'),
  },
  {
    id: 'filesystem.recursive_delete_home',
    risk: 'CRITICAL',
    reason: 'recursive delete of a home folder or everything in it',
    remediation: 'delete the specific subfolder you mean (for example ~/.cache/tool), never the home folder itself',
    examples: {
      block: ['rm -rf ~', 'rm -rf ~/', 'rm -rf "$HOME"', 'rm -Rf ${HOME}/*', 'rm -rf /home/user', 'cd && rm -rf .[!.]* *', 'rm -rf ..'],
      allow: ['rm -rf ~/.cache/pip', 'rm -rf "$HOME/.npm/_cacache"', 'ls ~', 'rm ~/notes.txt', 'rm -rf ~/*.log'],
    },
    match: deletes('home'),
  },
  {
    id: 'filesystem.recursive_delete_system',
    risk: 'CRITICAL',
    reason: 'recursive delete of a top-level or system folder (or everything in it)',
    remediation: 'delete the specific file or subfolder you mean; system folders are managed by the package manager',
    examples: {
      block: ['rm -rf /etc', 'rm -rf /usr/lib', 'sudo rm -rf /var/*', 'rm -rf /boot/', 'cd /usr && rm -rf local', 'rm -rf /{etc,opt}', 'echo x | xargs rm -rf /usr/share', 'rsync -a --delete empty/ /etc/'],
      allow: ['rm -rf /var/lib/apt/lists/*', 'rm -rf /usr/local/go', 'rm -rf /tmp/*', 'rm -rf /opt/myapp/releases/old', 'rsync -a --delete dist/ /srv/www/site/'],
    },
    match: deletes('system'),
  },
  {
    id: 'filesystem.recursive_delete_dynamic_target',
    risk: 'HIGH',
    reason: 'recursive delete of a target that cannot be resolved before it runs',
    remediation: 'spell the folder out as a literal path (or check the variable is set and points where you expect, then pass the literal)',
    examples: {
      block: ['rm -rf "$DIR"', 'rm -rf $BUILD/out', 'rm -rf "$(pwd)/../x"', 'ls | xargs rm -rf', 'cd "$X" && rm -rf build', 'rm -rf `cat dirs.txt`', 'rm -rf ~alice/tmp'],
      allow: ['rm -f "$TMPFILE"', 'rm -rf "$HOME/.cache/x"', 'find . -name "*.tmp" | xargs rm -rf', 'rm -rf build dist'],
    },
    match(cmd, ir) {
      const r = recursiveTargets(cmd, ir);
      return !!r && r.sure && (r.unbounded || r.targets.some((t) => t.kind === 'unknown'));
    },
  },
  {
    id: 'filesystem.recursive_delete_workdir',
    risk: 'HIGH',
    reason: 'recursive delete of the working folder or one of the folders that contain it',
    remediation: 'delete the specific subfolders you mean (e.g. ./build), not the folder you are working in',
    examples: {
      block: ['rm -rf .', 'rm -rf "$PWD"', 'cd src && rm -rf ..', 'rm -rf ../project', 'rm -rf /home/user/project/'],
      allow: ['rm -rf ./node_modules', 'rm -rf ../other-project/build', 'rm -rf *.egg-info', 'cd build && rm -rf *'],
    },
    match(cmd, ir) {
      const r = recursiveTargets(cmd, ir);
      return !!r && !!cmd.cwd && r.targets.some((t) => t.kind === 'path' && isAncestorOrSelf(t.path, cmd.cwd!));
    },
  },
  {
    id: 'filesystem.recursive_delete_git_dir',
    risk: 'HIGH',
    reason: "recursive delete of a repository's .git folder: its whole history",
    remediation: 'keep .git; to start over use a fresh clone, to drop changes use git commands you can undo',
    examples: {
      block: ['rm -rf .git', 'rm -rf ./.git/', 'rm -fr project/.git', 'rm -rf .g*', 'cd app; rm -r -f .git'],
      allow: ['rm -rf .github/workflows/old.yml', 'rm .gitignore', 'rm -rf .git-rewrite-backup', 'rm -rf .git/hooks/pre-commit.sample', 'git rm -r --cached .'],
    },
    match(cmd, ir) {
      const r = recursiveTargets(cmd, ir);
      return !!r && r.targets.some((t) => (t.kind === 'path' ? t.path.endsWith('/.git') : t.kind === 'glob' && !t.pattern.includes('/') && globMatches(t.pattern, '.git')));
    },
  },
  {
    id: 'filesystem.find_delete_broad',
    risk: 'CRITICAL',
    reason: '`find` deleting files across the root, a home or a system folder',
    remediation: 'run find from the project folder (find ./dir …) and list first (-print) before deleting',
    examples: {
      block: ['find / -name "*.log" -delete', 'find ~ -type f -delete', 'sudo find /etc -exec rm -f {} +', 'find -L / -mindepth 1 -delete', 'find /usr -name "*.so" -exec rm {} \\;'],
      allow: ['find . -name "*.pyc" -delete', 'find /tmp -mtime +7 -delete', 'find / -name "*.log"', 'find ./build -type d -exec rm -rf {} +', 'find ~ -name .DS_Store -print'],
    },
    match(cmd, ir) {
      if (nameOf(cmd) !== 'find') return false;
      const f = findCall(cmd, ir);
      return f.deletes && f.roots.some((t) => rootKind(t, ir) !== null);
    },
  },
  {
    id: 'filesystem.find_delete_dynamic_root',
    risk: 'HIGH',
    reason: '`find` deleting files below a folder that cannot be resolved before it runs',
    remediation: 'spell the starting folder out as a literal path',
    examples: {
      block: ['find "$DIR" -name "*.tmp" -delete', 'find $(cat root.txt) -exec rm -rf {} +'],
      allow: ['find . -name "*.tmp" -delete', 'find "$DIR" -name "*.tmp"'],
    },
    match(cmd, ir) {
      if (nameOf(cmd) !== 'find') return false;
      const f = findCall(cmd, ir);
      return f.deletes && f.roots.some((t) => t.kind === 'unknown');
    },
  },
  {
    id: 'filesystem.system_folder_move',
    risk: 'CRITICAL',
    reason: 'moving away the root, a home or a system folder',
    remediation: 'move the specific files you mean; system folders must stay where the system expects them',
    examples: {
      block: ['mv /etc /etc.bak', 'sudo mv /usr /tmp/usr', 'mv ~ /tmp/oldhome', 'mv /* /mnt/', 'mv -t /tmp /var'],
      allow: ['mv ./a ./b', 'mv build.log /tmp/', 'mv /tmp/x /opt/app/x', 'mv ~/Downloads/file.zip .'],
    },
    match(cmd, ir) {
      if (nameOf(cmd) !== 'mv') return false;
      return moveSources(cmd).some((w) => resolveTargets(w, cmd, ir).some((t) => protectedKind(t, homeOf(ir)) !== null));
    },
  },
  {
    id: 'filesystem.system_file_modify',
    risk: 'CRITICAL',
    reason: 'overwriting, truncating, moving or deleting a file the system needs to log in, grant privileges or boot, or one of its own programs',
    remediation: 'edit system files with the tool made for them (visudo, vipw, useradd, your package manager), after a backup',
    examples: {
      block: ['echo x > /etc/passwd', ': > /etc/shadow', 'echo "u ALL=(ALL) NOPASSWD:ALL" | sudo tee -a /etc/sudoers', 'cp /dev/null /etc/fstab', 'sudo rm /bin/bash', 'mv /usr/bin/sudo /tmp/', 'sed -i "s/x/y/" /etc/ssh/sshd_config', 'truncate -s0 /etc/group', 'sudo rm -rf /usr/lib/x86_64-linux-gnu'],
      allow: ['cat /etc/passwd', 'echo "deb x" | sudo tee /etc/apt/sources.list.d/x.list', 'cp /etc/hosts /tmp/hosts.bak', 'sudo cp ./tool /usr/local/bin/tool', 'grep root /etc/passwd > users.txt'],
    },
    match(cmd, ir) {
      const critical = [...writtenFiles(cmd), ...removedFiles(cmd), ...(removal(cmd)?.targets ?? [])];
      const program = [...removedFiles(cmd), ...(removal(cmd)?.targets ?? []), ...outputRedirects(cmd).map((r) => r.target), ...(nameOf(cmd) === 'truncate' ? writtenFiles(cmd) : [])];
      const paths = (ws: typeof critical) => ws.flatMap((w) => resolveTargets(w, cmd, ir)).flatMap((t) => (t.kind === 'path' ? [t.path] : t.kind === 'glob' ? [t.base, `${t.base}/x`] : []));
      return paths(critical).some(isCriticalFile) || paths(program).some(isSystemProgram);
    },
  },
  {
    id: 'filesystem.delete',
    risk: 'MEDIUM',
    reason: 'deletes files',
    remediation: 'a stricter policy does not let agents delete files; ask a person, or move them aside instead',
    examples: {
      block: ['rm notes.txt', 'rm -rf ./build', 'find . -name "*.o" -delete', 'unlink x', 'xargs rm < list.txt'],
      allow: ['ls -la', 'git rm --cached x', 'echo rm x', 'mv a b'],
    },
    match(cmd, ir) {
      if (nameOf(cmd) === 'find') return findCall(cmd, ir).deletes;
      return removal(cmd) !== undefined || ['rm', 'srm', 'unlink', 'shred', 'rmdir'].includes(nameOf(cmd));
    },
  },
];
