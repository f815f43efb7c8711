// Package installs: they fetch code from the network and run its install scripts.
import type { SimpleCommand } from '../../core/ir.js';
import { nameOf } from './programs.js';
import { interpreterKind } from '../../catalogue/kinds.js';

const INSTALL_VERBS: Record<string, string[]> = {
  npm: ['install', 'i', 'add', 'ci', 'update', 'up', 'upgrade', 'exec', 'x'],
  pnpm: ['install', 'i', 'add', 'update', 'up', 'dlx', 'exec'],
  yarn: ['install', 'add', 'upgrade', 'dlx', ''],
  bun: ['install', 'i', 'add', 'x'],
  pip: ['install', 'download'],
  pip3: ['install', 'download'],
  pipx: ['install', 'run'],
  uv: ['add', 'sync', 'pip', 'tool', 'run'],
  poetry: ['install', 'add', 'update'],
  gem: ['install', 'update'],
  cargo: ['install', 'add'],
  go: ['install', 'get'],
  apt: ['install', 'upgrade', 'full-upgrade', 'dist-upgrade', 'reinstall'],
  'apt-get': ['install', 'upgrade', 'dist-upgrade', 'reinstall', 'build-dep'],
  dnf: ['install', 'upgrade', 'update', 'reinstall'],
  yum: ['install', 'upgrade', 'update', 'reinstall'],
  zypper: ['install', 'in', 'update', 'up'],
  apk: ['add', 'upgrade'],
  pacman: ['-S', '-Syu', '-U'],
  brew: ['install', 'upgrade', 'reinstall', 'tap'],
  snap: ['install', 'refresh'],
  flatpak: ['install', 'update'],
  composer: ['install', 'require', 'update'],
  conda: ['install', 'update', 'create'],
  mamba: ['install', 'update', 'create'],
  dotnet: ['add', 'tool'],
};

export function isPackageInstall(cmd: SimpleCommand): boolean {
  const n = interpreterKind(nameOf(cmd)) === 'python' ? 'python' : nameOf(cmd);
  if (n === 'npx' || n === 'bunx' || n === 'pnpx') return true;
  if (n === 'python' && cmd.args[0]?.value === '-m' && /^pip3?$/.test(cmd.args[1]?.value ?? ''))
    return ['install', 'download'].includes(cmd.args[2]?.value ?? '');
  const verbs = INSTALL_VERBS[n];
  if (!verbs) return false;
  const first = cmd.args.find((w) => !w.value.startsWith('-') || n === 'pacman');
  if (n === 'pacman') return cmd.args.some((w) => /^-S|^-U/.test(w.value) && !/^-S[sigl]/.test(w.value));
  if (n === 'yarn' && first === undefined) return true;
  return !!first && verbs.includes(first.value) && !cmd.args.some((w) => w.value === '--dry-run');
}
