// Commands that take the running system down: stopping core services, killing every process.
import type { SimpleCommand } from '../../core/ir.js';
import { has, parseOptions } from './options.js';
import { nameOf } from './programs.js';
import { operandWords } from './operands.js';

export const CORE_SERVICES =
  /^(ssh|sshd|openssh-server|systemd-[\w-]+|dbus|dbus-broker|networking|network|NetworkManager|wpa_supplicant|firewalld|ufw|nftables|iptables|netfilter-persistent|auditd|rsyslog|syslog|journald|cron|crond|kubelet|containerd|docker|getty@.*|polkit|udev|udisks2|apparmor|sssd|chronyd|ntpd|systemd)(\.service|\.socket)?$/;

export function serviceStops(cmd: SimpleCommand): string[] {
  const n = nameOf(cmd);
  const args = cmd.args.map((w) => w.value);
  if (n === 'systemctl') {
    const pos = operandWords(cmd);
    const verb = pos[0] ?? '';
    if (['stop', 'disable', 'mask', 'kill'].includes(verb)) return pos.slice(1);
    if (verb === 'isolate') return ['systemd'];
    return [];
  }
  if (n === 'service' && ['stop'].includes(args[1] ?? '')) return [args[0] ?? ''];
  if (/^(\/etc\/init\.d\/|\/etc\/rc\.d\/)/.test(cmd.name.raw) && args[0] === 'stop') return [nameOf(cmd)];
  if (
    (n === 'launchctl' && ['unload', 'bootout', 'disable', 'remove'].includes(args[0] ?? '')) ||
    (n === 'rc-service' && args[1] === 'stop')
  )
    return args.slice(1);
  if (n === 'update-rc.d' && ['remove', 'disable'].includes(args[1] ?? '')) return [args[0] ?? ''];
  return [];
}

export function killsEverything(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  if (n === 'killall5') return true;
  if (n === 'kill') {
    // kill [-s SIG | -n NUM | -SIG] [--] pid…; pid -1 is every process, pid 1 is init.
    const a = cmd.args.map((w) => w.value);
    let i = 0;
    if (a[0] === '-s' || a[0] === '-n') i = 2;
    else if (a[0] !== undefined && /^-([A-Za-z][\w+-]*|\d+)$/.test(a[0])) i = 1;
    if (a[i] === '--') i++;
    return a.slice(i).some((p) => p === '-1' || p === '1');
  }
  if (n === 'pkill' || n === 'killall') {
    const p = parseOptions(cmd.args, { shortValue: 'sUuGgPtFn', longValue: ['signal', 'user', 'uid', 'group', 'parent', 'terminal'] });
    const pats = p.operands.map((w) => w.value);
    return pats.some((x) => ['.', '.*', '^', ''].includes(x)) || (has(p, 'u', 'U', 'user', 'uid') && pats.length === 0);
  }
  return false;
}
