// Filesystem pack: recursive deletes of the root, a home, system folders, the working folder,
// anything outside the project, temp folders and caches, or a target we cannot resolve; broad `find` deletions; moving system folders; overwriting,
// truncating or removing the files a system needs to log in, grant privileges and boot.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import type { ShellRule } from '../rule.js';
import { outputRedirects } from './links.js';
import {
  globMatches,
  homeOf,
  isAncestorOrSelf,
  isCriticalFile,
  isMatchAll,
  isSystemProgram,
  protectedKind,
  resolveTargets,
  startCwdOf,
  type Protected,
  type Target,
} from './paths.js';
import { secretKindOfTarget } from './secret-paths.js';
import { nameOf } from './programs.js';
import { editedFiles, extractionFolder, moveSources, removal, removedFiles, REMOVERS, writtenFiles } from './targets.js';
import { findCall } from './find.js';
import { recursiveTargets, rootKind } from './recursive-deletes.js';
import { outsideProject, runsElsewhere } from './project-scope.js';
import { memoByCommand } from './memo.js';
import { gitCall } from './git-call.js';

function deletes(kind: Protected) {
  return (cmd: SimpleCommand, ir: ShellIr): boolean => {
    const r = recursiveTargets(cmd, ir);
    return !!r && r.targets.some((t) => protectedKind(t, homeOf(ir)) === kind);
  };
}

/**
 * What a recursive or mass delete reaches outside the project: the targets of `rm -r`, `rimraf`,
 * `rsync --delete` and interpreter deletes, the start folders of a deleting `find` (with
 * `-delete`, `-exec rm`, or piped into `xargs rm`), and globs given to a plain `rm`.
 */
const outsideTargets = memoByCommand((cmd: SimpleCommand, ir: ShellIr): string[] => {
  if (runsElsewhere(cmd)) return [];
  const targets: Target[] = [];
  const r = recursiveTargets(cmd, ir);
  if (r) targets.push(...r.targets);
  if (nameOf(cmd) === 'find') {
    const f = findCall(cmd, ir);
    if (f.deletes) targets.push(...f.roots);
  }
  if (!r && ['rm', 'srm', 'shred'].includes(nameOf(cmd))) {
    targets.push(
      ...removedFiles(cmd)
        .flatMap((w) => resolveTargets(w, cmd, ir))
        .filter((t) => t.kind === 'glob'),
    );
  }
  return [...new Set(targets.map((t) => outsideProject(t, ir)).filter((p): p is string => p !== null))];
});

const NOT_ROOT = 'name the folder you mean by its full path, below the home or project folder, and never the folder itself';

export const FILESYSTEM_RULES: ShellRule[] = [
  {
    id: 'filesystem.recursive_delete_root',
    risk: 'CRITICAL',
    reason: 'recursive delete of the root folder or everything in it',
    remediation: NOT_ROOT,
    examples: {
      block: [
        'rm -rf /',
        'sudo rm -rf --no-preserve-root /',
        'rm -r -f /*',
        "r''m -fr '/'",
        'cd / && rm -rf *',
        'rm -rf /tmp/../',
        'FLAGS=-rf; rm $FLAGS /',
        'rm --recursive --force //',
        'npx rimraf /',
        'strace -f sudo rm -rf /',
        'parallel rm -rf ::: /',
        'python3 -c "import shutil; shutil.rmtree(\'/\')"',
        "node -e \"require('fs').rmSync('/', {recursive: true})\"",
        'rm -rf /proc/1/root/',
      ],
      allow: [
        'rm -rf ./build',
        'rm -rf /tmp/cache',
        'echo rm -rf /',
        'rm -f /tmp/x.log',
        'git commit -m "rm -rf /"',
        'npx rimraf dist',
        'python3 -c "import shutil; shutil.rmtree(\'build\')"',
        "node -e \"require('fs').rmSync('/tmp/x', {recursive: true})\"",
      ],
    },
    match: deletes('root'),
  },
  {
    id: 'filesystem.recursive_delete_home',
    programs: REMOVERS,
    risk: 'CRITICAL',
    reason: 'recursive delete of a home folder or everything in it',
    remediation: 'delete the specific subfolder you mean (for example ~/.cache/tool), never the home folder itself',
    examples: {
      block: [
        'rm -rf ~',
        'rm -rf ~/',
        'rm -rf "$HOME"',
        'rm -Rf ${HOME}/*',
        'rm -rf /home/user',
        'cd && rm -rf .[!.]* *',
        'rm -rf ..',
        'python3 -c "import shutil,os; shutil.rmtree(os.path.expanduser(\'~\'))"',
        'bundle exec rm -rf ~',
      ],
      allow: ['rm -rf ~/.cache/pip', 'rm -rf "$HOME/.npm/_cacache"', 'ls ~', 'rm ~/notes.txt', 'rm -rf ~/*.log'],
    },
    match: deletes('home'),
  },
  {
    id: 'filesystem.recursive_delete_system',
    programs: REMOVERS,
    risk: 'CRITICAL',
    reason: 'recursive delete of a top-level or system folder (or everything in it)',
    remediation: 'delete the specific file or subfolder you mean; system folders are managed by the package manager',
    examples: {
      block: [
        'rm -rf /etc',
        'rm -rf /usr/lib',
        'sudo rm -rf /var/*',
        'rm -rf /boot/',
        'cd /usr && rm -rf local',
        'rm -rf /{etc,opt}',
        'echo x | xargs rm -rf /usr/share',
        'rsync -a --delete empty/ /etc/',
      ],
      allow: [
        'rm -rf /var/lib/apt/lists/*',
        'rm -rf /usr/local/go',
        'rm -rf /tmp/*',
        'rm -rf /opt/myapp/releases/old',
        'rsync -a --delete dist/ /srv/www/site/',
      ],
    },
    match: deletes('system'),
  },
  {
    id: 'filesystem.recursive_delete_dynamic_target',
    programs: REMOVERS,
    class: 'fail_closed', // cannot be judged statically: a warning in `seatbelt scan`, blocks elsewhere
    risk: 'HIGH',
    reason: 'recursive delete of a target that cannot be resolved before it runs',
    remediation: 'spell the folder out as a literal path (or check the variable is set and points where you expect, then pass the literal)',
    examples: {
      block: [
        'rm -rf "$DIR"',
        'rm -rf $BUILD/out',
        'rm -rf "$(cat dir.txt)/../x"',
        'python3 -c "import shutil,sys; shutil.rmtree(sys.argv[1])" x',
        'tmp=$(mktemp -d); read tmp; rm -rf "$tmp"',
        'ls | xargs rm -rf',
        'cd "$X" && rm -rf build',
        'rm -rf `cat dirs.txt`',
        'rm -rf ~alice/tmp',
      ],
      allow: [
        'rm -f "$TMPFILE"',
        'rm -rf "$HOME/.cache/x"',
        'find . -name "*.tmp" | xargs rm -rf',
        'rm -rf build dist',
        'rm -rf "$TMPDIR/x"',
        'rm -rf "$(pwd)/build"',
        'tmp=$(mktemp -d); rm -rf "$tmp"',
        'parallel rm -rf ::: build dist',
      ],
    },
    match(cmd, ir) {
      const r = recursiveTargets(cmd, ir);
      return !!r && r.sure && (r.unbounded || r.targets.some((t) => t.kind === 'unknown'));
    },
  },
  {
    id: 'filesystem.recursive_delete_workdir',
    programs: [...REMOVERS, 'find'],
    risk: 'HIGH',
    reason: 'recursive delete of the folder the work started in (the project), all of its contents, or a folder that contains it',
    remediation: 'delete the specific subfolders you mean (e.g. ./build), not the whole working folder',
    examples: {
      block: [
        'rm -rf .',
        'rm -rf "$PWD"',
        'cd src && rm -rf ..',
        'rm -rf ../project',
        'rm -rf /home/user/project/',
        'rm -rf *',
        'rm -rf ./* .??*',
        'find . -delete',
        'find . -type f -delete',
      ],
      allow: [
        'rm -rf ./node_modules',
        'rm -rf ../other-project/build',
        'rm -rf *.egg-info',
        'cd build && rm -rf *',
        'find . -name "*.pyc" -delete',
        'rm -rf src/*',
        'rm -rf **/node_modules',
        'rm -rf */dist',
      ],
    },
    match(cmd, ir) {
      const start = startCwdOf(ir) ?? cmd.cwd;
      if (!start) return false;
      const home = homeOf(ir);
      // Only where no stronger rule speaks (the root and homes contain most folders).
      // A glob takes the whole folder only when every segment matches anything (`*`, `*/*`, `.??*`);
      // `*/node_modules` or `**/dist` name what they take.
      const takesAll = (pattern: string) => pattern.split('/').filter(Boolean).every(isMatchAll);
      const hits = (t: Target) =>
        protectedKind(t, home) === null &&
        (t.kind === 'path' ? isAncestorOrSelf(t.path, start) : t.kind === 'glob' && t.base === start && takesAll(t.pattern));
      if (nameOf(cmd) === 'find') {
        const f = findCall(cmd, ir);
        return f.deletes && !f.filtered && f.roots.some((t) => t.kind === 'path' && hits(t));
      }
      const r = recursiveTargets(cmd, ir);
      return !!r && r.targets.some(hits);
    },
  },
  {
    id: 'filesystem.recursive_delete_outside_project',
    risk: 'HIGH',
    reason: 'recursive or mass delete outside the project, the temp folders and known caches (documents, another project, a server folder)',
    remediation:
      'delete only inside the project (or in /tmp, or a tool cache such as ~/.cache/pip); for anything else ask a person, or move it aside instead',
    examples: {
      block: [
        'rm -rf ~/Documents',
        'rm -rf ../other-project',
        'cd .. && rm -rf build',
        'rm -rf /srv/www',
        'rm -rf /some/very/long/path',
        'find ~/projects -name "*.log" -delete',
        'find /srv/www -type f | xargs rm -f',
        'rsync -a --delete dist/ /srv/www/site/',
        'python3 -c "import shutil; shutil.rmtree(\'/opt/app/data\')"',
        'rm -f ~/Documents/*.pdf',
        'rm -rf ./*/../../x',
      ],
      allow: [
        'rm -rf build',
        'rm -rf node_modules dist',
        'rm -rf /tmp/x',
        'rm -rf ~/.cache/pip',
        'rm -rf "$HOME/.npm/_cacache"',
        'find . -name "*.pyc" -delete',
        'rm -rf /tmp/*',
        'rm ~/notes.txt',
        'rm -rf ~/Library/Caches/com.example.app',
        'rm -rf "$TMPDIR/build"',
        'ls ~/Documents',
      ],
    },
    match: (cmd, ir) => outsideTargets(cmd, ir).length > 0,
    detail: (cmd, ir) => `outside the project: ${outsideTargets(cmd, ir).slice(0, 3).join(', ')}`,
  },
  {
    id: 'filesystem.recursive_delete_git_dir',
    programs: REMOVERS,
    risk: 'HIGH',
    reason: "recursive delete of a repository's .git folder: its whole history",
    remediation: 'keep .git; to start over use a fresh clone, to drop changes use git commands you can undo',
    examples: {
      block: [
        'rm -rf .git',
        'rm -rf ./.git/',
        'rm -fr project/.git',
        'rm -rf .g*',
        'cd app; rm -r -f .git',
        'rm -rf */.git',
        'rm -rf **/.git/',
        'rm -rf .git/*',
      ],
      allow: [
        'rm -rf .github/workflows/old.yml',
        'rm .gitignore',
        'rm -rf .git-rewrite-backup',
        'rm -rf .git/hooks/pre-commit.sample',
        'git rm -r --cached .',
      ],
    },
    match(cmd, ir) {
      const r = recursiveTargets(cmd, ir);
      // The last segment decides what is taken: `.g*`, `*/.git`, `**/.git`.
      const last = (pattern: string) => pattern.split('/').filter(Boolean).pop() ?? '';
      // Where it runs may be unknown (`cd app; rm -rf .git` when cd fails): `.git` is still a .git folder.
      const namesGit = (t: Target) => t.kind === 'unknown' && /(^|\/)\.git\/*$/.test(t.word.replace(/['"]/g, ''));
      return (
        !!r &&
        r.targets.some(
          (t) =>
            namesGit(t) ||
            (t.kind === 'path'
              ? t.path.endsWith('/.git')
              : t.kind === 'glob' &&
                (globMatches(last(t.pattern), '.git') || (t.base.endsWith('/.git') && isMatchAll(t.pattern.split('/')[0]!)))),
        )
      );
    },
  },
  {
    id: 'filesystem.find_delete_broad',
    programs: ['find'],
    risk: 'CRITICAL',
    reason: '`find` deleting files across the root, a home or a system folder',
    remediation: 'run find from the project folder (find ./dir …) and list first (-print) before deleting',
    examples: {
      block: [
        'find / -name "*.log" -delete',
        'find ~ -type f -delete',
        'sudo find /etc -exec rm -f {} +',
        'find -L / -mindepth 1 -delete',
        'find /usr -name "*.so" -exec rm {} \\;',
      ],
      allow: [
        'find . -name "*.pyc" -delete',
        'find /tmp -mtime +7 -delete',
        'find / -name "*.log"',
        'find ./build -type d -exec rm -rf {} +',
        'find ~ -name .DS_Store -print',
      ],
    },
    match(cmd, ir) {
      if (nameOf(cmd) !== 'find') return false;
      const f = findCall(cmd, ir);
      return f.deletes && f.roots.some((t) => rootKind(t, ir) !== null);
    },
  },
  {
    id: 'filesystem.find_delete_dynamic_root',
    programs: ['find'],
    class: 'fail_closed', // cannot be judged statically: a warning in `seatbelt scan`, blocks elsewhere
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
    programs: ['mv'],
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
    reason:
      'overwriting, truncating, moving or deleting a file the system needs to log in, grant privileges or boot, or one of its own programs',
    remediation: 'edit system files with the tool made for them (visudo, vipw, useradd, your package manager), after a backup',
    examples: {
      block: [
        'echo x > /etc/passwd',
        ': > /etc/shadow',
        'echo "u ALL=(ALL) NOPASSWD:ALL" | sudo tee -a /etc/sudoers',
        'cp /dev/null /etc/fstab',
        'sudo rm /bin/bash',
        'mv /usr/bin/sudo /tmp/',
        'sed -i "s/x/y/" /etc/ssh/sshd_config',
        'truncate -s0 /etc/group',
        'sudo rm -rf /usr/lib/x86_64-linux-gnu',
        'sudo mv ~/.bashrc /dev/null',
        "python3 -c \"open('/etc/passwd', 'w').write('')\"",
        'sudo tar -xf x.tar -C /',
        'gzip /etc/shadow',
        'sort -o /etc/passwd x',
        'mv /etc/passwd{,.bak}',
        'find . -fprint /etc/sudoers',
        "vim -c '%d|wq' /etc/passwd",
      ],
      allow: [
        'cat /etc/passwd',
        'echo "deb x" | sudo tee /etc/apt/sources.list.d/x.list',
        'cp /etc/hosts /tmp/hosts.bak',
        'sudo cp ./tool /usr/local/bin/tool',
        'grep root /etc/passwd > users.txt',
        'cp x /dev/null',
        'python3 -c "print(open(\'/etc/passwd\').read())"',
        'sudo tar -xzf node.tgz -C /usr/local --strip-components=1',
        'gzip -k /etc/passwd',
        'tar -tf x.tar -C /',
      ],
    },
    match(cmd, ir) {
      const written = writtenFiles(cmd);
      const removed = [...removedFiles(cmd), ...(removal(cmd)?.targets ?? [])];
      const critical = [...written, ...editedFiles(cmd), ...removed];
      const program = [...removed, ...outputRedirects(cmd).map((r) => r.target), ...(nameOf(cmd) === 'truncate' ? written : [])];
      const paths = (ws: typeof critical) =>
        ws
          .flatMap((w) => resolveTargets(w, cmd, ir))
          .flatMap((t) => (t.kind === 'path' ? [t.path] : t.kind === 'glob' ? [t.base, `${t.base}/x`] : []));
      // `mv x /dev/null` replaces the device node itself (as root): every program writing there breaks.
      const devices =
        nameOf(cmd) === 'mv' ? paths(writtenFiles(cmd)).filter((p) => p.startsWith('/dev/') && !p.startsWith('/dev/shm/')) : [];
      // An archive unpacked over the root, /etc, /boot or the system's programs may replace any of them.
      const into = extractionFolder(cmd);
      const over = into
        ? resolveTargets(into, cmd, ir).some(
            (t) =>
              t.kind === 'path' &&
              (t.path === '/' || t.path === '/etc' || t.path === '/usr' || isCriticalFile(`${t.path}/x`) || isSystemProgram(`${t.path}/x`)),
          )
        : false;
      return paths(critical).some(isCriticalFile) || paths(program).some(isSystemProgram) || devices.length > 0 || over;
    },
  },
  {
    id: 'filesystem.credential_delete',
    risk: 'HIGH',
    reason: 'deletes private keys or credentials, which cannot be recovered',
    remediation: 'keep credentials; to rotate a key, create the new one first and have a person retire the old one',
    examples: {
      block: [
        'rm -rf ~/.ssh',
        'rm ~/.ssh/id_ed25519',
        'shred -u ~/.ssh/id_rsa',
        'rm -f ~/.aws/credentials',
        'rm -rf ~/.gnupg',
        'find ~/.ssh -name "id_*" -delete',
      ],
      allow: ['rm ~/.ssh/known_hosts', 'rm ~/.ssh/id_rsa.pub', 'rm -rf ~/.cache', 'rm .env.example'],
    },
    match(cmd, ir) {
      const home = homeOf(ir);
      const words = [...removedFiles(cmd), ...(removal(cmd)?.targets ?? [])];
      const named = words
        .flatMap((w) => resolveTargets(w, cmd, ir))
        .some((t) => secretKindOfTarget(t, home) === 'credential' && !(t.kind === 'path' && /^\/(proc|run|var\/run)\//.test(t.path)));
      if (named) return true;
      if (nameOf(cmd) !== 'find') return false;
      const f = findCall(cmd, ir);
      return f.deletes && f.roots.some((t) => secretKindOfTarget(t, home) === 'credential');
    },
  },
  {
    id: 'filesystem.delete',
    risk: 'MEDIUM',
    reason: 'deletes files',
    remediation: 'a stricter policy does not let agents delete files; ask a person, or move them aside instead',
    examples: {
      block: ['rm notes.txt', 'rm -rf ./build', 'find . -name "*.o" -delete', 'unlink x', 'xargs rm < list.txt', 'git rm -r src/old'],
      allow: ['ls -la', 'git rm --cached x', 'echo rm x', 'mv a b'],
    },
    match(cmd, ir) {
      if (nameOf(cmd) === 'find') return findCall(cmd, ir).deletes;
      const g = gitCall(cmd);
      if (g?.sub === 'rm') return !g.args.some((w) => w.value === '--cached');
      return removal(cmd) !== undefined || ['rm', 'srm', 'unlink', 'shred', 'rmdir'].includes(nameOf(cmd));
    },
  },
];
