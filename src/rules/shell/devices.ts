// Disk devices and the tools that rewrite them: which paths are devices, and which words a disk
// tool (mkfs, wipefs, fdisk, parted, dd, shred, …) is aimed at; read-only forms aim at nothing.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { parseOptions, positional } from './options.js';
import { resolveTargets } from './paths.js';
import { nameOf } from './programs.js';

/** Block devices and kernel interfaces whose overwrite destroys data or crashes the machine. */
export function isDevice(path: string): boolean {
  if (
    /^\/dev\/(null|zero|full|u?random|tty\w*|pts\/.*|stdin|stdout|stderr|fd\/.*|shm(\/.*)?|ptmx|console|log|kmsg|tcp\/.*|udp\/.*)$/.test(
      path,
    )
  )
    return false;
  return /^\/dev\/./.test(path) || path === '/proc/sysrq-trigger' || /^\/proc\/kcore$/.test(path);
}

export function deviceWords(cmd: SimpleCommand, ir: ShellIr, words: Word[]): { device: boolean; unknown: boolean } {
  let device = false;
  let unknown = false;
  for (const w of words) {
    for (const t of resolveTargets(w, cmd, ir)) {
      if (t.kind === 'unknown') unknown = true;
      else if (isDevice(t.kind === 'path' ? t.path : `${t.base}/x`)) device = true;
    }
  }
  return { device, unknown };
}

/** Tools that rewrite a disk, a partition table or a filesystem; read-only forms return []. */
export function diskToolTargets(cmd: SimpleCommand): Word[] | undefined {
  const n = nameOf(cmd);
  const args = cmd.args;
  const ops = () => parseOptions(args, { shortValue: 'bCcEgIiLlmNnOoprsTtUu', longValue: ['type', 'label', 'block-size'] }).operands;
  if (/^mkfs(\..+)?$/.test(n) || /^mke2fs$|^mkswap$|^mkdosfs$|^mkntfs$|^mkexfatfs$|^wipefs$|^blkdiscard$|^badblocks$/.test(n)) {
    if (n === 'badblocks' && !args.some((w) => /^-\w*[wn]/.test(w.value))) return [];
    if (n === 'wipefs' && !args.some((w) => /^(-\w*a|--all|-o|--offset)/.test(w.value))) return [];
    return ops();
  }
  if (['fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'cgdisk', 'parted', 'partx'].includes(n)) {
    const listing =
      args.some(
        (w) =>
          /^(-l|--list|-d|--dump|-J|--json|-p|--print|-V|--verify|-v|--version|-h|--help)$/.test(w.value) ||
          (n === 'sfdisk' && /^(-s|--show-size)$/.test(w.value)),
      ) || args.some((w) => w.value === 'print');
    if (listing || n === 'partx') return [];
    return positional(args);
  }
  if (n === 'shred') return parseOptions(args, { shortValue: 'ns', longValue: ['iterations', 'size', 'random-source', 'remove'] }).operands;
  if (n === 'dd') return args.filter((w) => w.value.startsWith('of=')).map((w) => ({ ...w, value: w.value.slice(3) }));
  if (
    n === 'hdparm' &&
    args.some((w) =>
      /^--(security-erase|security-erase-enhanced|trim-sector-ranges|write-sector|make-bad-sector|dco-restore)/.test(w.value),
    )
  )
    return positional(args);
  if (n === 'nvme' && ['format', 'sanitize', 'delete-ns'].includes(args[0]?.value ?? '')) return positional(args.slice(1));
  if (n === 'cryptsetup' && args.some((w) => /^(luksFormat|erase|luksErase|reencrypt)$/.test(w.value))) return positional(args);
  if (n === 'diskutil' && /^(erase|partition|zero|secureErase|reformat|apfs)/i.test(args[0]?.value ?? ''))
    return [{ value: '/dev/disk', static: true, raw: 'disk' }];
  if (['zpool', 'lvremove', 'vgremove', 'pvremove'].includes(n)) {
    if (n === 'zpool' && !['destroy', 'labelclear'].includes(args[0]?.value ?? '')) return [];
    return [{ value: '/dev/volume', static: true, raw: n }];
  }
  return undefined;
}
