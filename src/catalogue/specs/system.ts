// Family: system — programs that change this machine: disks and file systems, mounts and swap, users
// and groups, kernel modules, processes, power, services, system settings and the crontab. Their verb
// is `change`: the read_only policy refuses them; which device, process or setting they aim at is
// judged by the system rules (src/rules/shell/devices.ts, disk-system.ts). Options that only print
// (`fdisk -l`, `kill -l`, `crontab -l`) make them read.
import type { OptionDecl, ProgramSpec, VerbWhen } from '../spec.js';
import { flag, harmless } from './builders.js';

const HELP = harmless('--help', '--version');

function changes(names: string[], summary: string, why: string, examples: ProgramSpec['examples']): ProgramSpec {
  return { names, family: 'system', summary, options: [HELP], verb: { effect: 'change', why }, examples };
}

/** A program that changes the machine unless one of `only` is given (or an operand matches `operand`). */
function changesUnless(
  names: string[],
  summary: string,
  why: string,
  only: string[],
  examples: ProgramSpec['examples'],
  operand?: string,
): ProgramSpec {
  const when: VerbWhen = {
    unless: { options: only.map((name) => ({ name })), ...(operand ? { operand } : {}) },
    verb: { effect: 'change', why },
  };
  const options: OptionDecl[] = [HELP, ...only.map((n) => flag(n))];
  return { names, family: 'system', summary, options, when: [when], examples };
}

// `mkfs.TYPE`: the file system makers mkfs runs.
const MKFS_TYPES = [
  'ext2',
  'ext3',
  'ext4',
  'xfs',
  'btrfs',
  'vfat',
  'fat',
  'msdos',
  'ntfs',
  'exfat',
  'f2fs',
  'minix',
  'bfs',
  'cramfs',
  'jfs',
  'reiserfs',
  'udf',
  'hfsplus',
  'nilfs2',
];

// Partition tools list or print the table with these (`parted DEV print` too); anything else changes it.
const PARTITION_READS = ['-l', '--list', '-p', '--print', '-d', '--dump'];

export const SYSTEM: readonly ProgramSpec[] = [
  changes(
    ['mkfs', ...MKFS_TYPES.map((t) => `mkfs.${t}`), 'mke2fs'],
    'makes a file system on a device',
    'erases a device with a new file system',
    {
      block: ['mkfs.ext4 /dev/sdb1'],
      allow: ['mkfs.ext4 ./disk.img'],
    },
  ),
  changes(['mkswap'], 'makes a swap area', 'erases a device or file with a swap area', { block: [], allow: ['mkswap ./swapfile'] }),
  changes(['wipefs'], 'erases file system signatures', 'erases signatures on a device', {
    block: ['wipefs -a /dev/nvme0n1'],
    allow: ['wipefs ./disk.img'],
  }),
  changes(['blkdiscard'], 'discards every block of a device', 'discards the data on a device', {
    block: ['blkdiscard /dev/sda'],
    allow: ['blkdiscard --help'],
  }),
  changesUnless(
    ['fdisk', 'sfdisk', 'gdisk', 'sgdisk', 'parted'],
    'partition table editors',
    'changes a partition table',
    PARTITION_READS,
    { block: [], allow: ['fdisk -l', 'sfdisk -d /dev/sda', 'parted /dev/sda print'] },
    '^print$',
  ),
  changes(['mount'], 'mounts file systems', 'mounts a file system', { block: [], allow: ['mount ./disk.img ./mnt'] }),
  changes(['umount'], 'unmounts file systems', 'unmounts a file system', { block: [], allow: ['umount ./mnt'] }),
  changes(['swapon', 'swapoff'], 'turns swap areas on or off', 'changes the swap in use', { block: [], allow: ['swapon ./swapfile'] }),
  // Users and groups.
  changes(['useradd', 'userdel', 'usermod'], 'adds, removes and changes user accounts', 'changes user accounts', {
    block: [],
    allow: ['useradd --help'],
  }),
  changes(['groupadd', 'groupdel', 'groupmod'], 'adds, removes and changes groups', 'changes groups', {
    block: [],
    allow: ['groupadd --help'],
  }),
  changes(['passwd', 'chpasswd'], 'changes passwords', 'changes passwords', { block: [], allow: ['passwd --help'] }),
  changes(['chsh'], 'changes login shells', "changes a user's login shell", { block: [], allow: ['chsh --help'] }),
  changes(['visudo', 'vipw'], 'edits sudoers, passwd or group files under a lock', 'edits who may log in or run as root', {
    block: [],
    allow: ['visudo --help'],
  }),
  // Kernel and system settings.
  changes(['ldconfig'], "updates the dynamic linker's cache", "changes the linker's cache", { block: [], allow: ['ldconfig --help'] }),
  changes(['modprobe', 'insmod', 'rmmod'], 'loads and unloads kernel modules', 'changes the running kernel', {
    block: [],
    allow: ['modprobe --help'],
  }),
  changes(['update-alternatives'], 'changes the programs that provide a command', 'changes which program a command runs', {
    block: [],
    allow: ['update-alternatives --help'],
  }),
  changes(['hostnamectl', 'timedatectl', 'localectl'], "systemd's host, time and locale settings", 'changes system settings', {
    block: [],
    allow: ['hostnamectl --version'],
  }),
  changes(['setenforce'], 'switches SELinux between enforcing and permissive', 'changes SELinux enforcement', {
    block: [],
    allow: ['setenforce --help'],
  }),
  {
    names: ['sysctl'],
    family: 'system',
    summary: 'reads and sets kernel parameters',
    options: [
      HELP,
      { names: ['-w', '--write'], verb: { effect: 'change', why: 'sets kernel parameters' } },
      { names: ['-p', '--load'], value: 'optional', verb: { effect: 'change', why: 'sets kernel parameters from a file' } },
    ],
    when: [{ operand: '=', verb: { effect: 'change', why: 'sets kernel parameters' } }],
    examples: { block: [], allow: ['sysctl net.ipv4.ip_forward', 'sysctl -a'] },
  },
  {
    names: ['launchctl'],
    family: 'system',
    summary: 'macOS: loads, starts, stops and inspects launchd services',
    subcommands: {
      ...Object.fromEntries(
        ['list', 'print', 'version', 'help', 'blame'].map((n) => [n, { verb: { effect: 'read' as const, why: 'shows services' } }]),
      ),
      '*': { verb: { effect: 'change', why: 'loads, starts, stops or changes services' } },
    },
    examples: { block: [], allow: ['launchctl list', 'launchctl print system'] },
  },
  // Processes, power and services.
  // `-KILL`, `-9`: a signal, one word (no clusters).
  {
    ...changesUnless(['kill'], 'sends signals to processes', 'signals processes', ['-l', '-L'], {
      block: ['kill -9 -1'],
      allow: ['kill -l', 'kill 12345'],
    }),
    clusters: false,
  },
  changes(['pkill', 'killall', 'killall5'], 'sends signals to processes by name', 'signals processes', {
    block: ['killall5 -9'],
    allow: ['pkill -f my-dev-server'],
  }),
  changes(['shutdown', 'reboot', 'halt', 'poweroff'], 'stops or restarts the machine', 'stops or restarts the machine', {
    block: ['shutdown -h now', 'reboot'],
    allow: ['shutdown -c'],
  }),
  changes(['init', 'telinit'], 'changes the run level', 'changes the run level', { block: ['init 0'], allow: ['init --help'] }),
  changes(['service'], 'starts, stops and restarts services', 'controls services', { block: [], allow: ['service nginx status'] }),
  changesUnless(['crontab'], "installs, edits or removes a user's crontab", 'changes the crontab', ['-l'], {
    block: ['crontab -r'],
    allow: ['crontab -l'],
  }),
];
