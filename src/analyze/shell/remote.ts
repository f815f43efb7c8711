// Commands that run a command somewhere else: `ssh host '…'` (a script for the remote shell),
// `docker exec ctr cmd …`, `kubectl exec pod -- cmd …` (an argv in the container).
import type { Word } from '../../core/ir.js';
import { joinWords, type Action } from './actions.js';
import { hasOption, optionValues, scanOptions, type OptionSpec } from './options.js';
import { sshOptionActions } from './ssh-options.js';
import { undecidable } from './undecidable.js';

const SSH: OptionSpec = { flags: '46AaCfGgKkMNnqsTtVvXxYy', withArg: 'BbcDEeFIiJLlmOoPpQRSWw' };

export function sshActions(args: Word[], text: string): Action[] {
  const s = scanOptions(args, SSH);
  if (s.unknown) return [{ kind: 'undecidable', found: undecidable('parse.unknown_option', `unknown ssh option ${s.unknown}`, text) }];
  // `-o ProxyCommand=…`, `-o LocalCommand=…`: commands run here, whatever else the command line says.
  const settings = sshOptionActions(optionValues(s, 'o'), 'ssh', text);
  if (hasOption(s, 'V', 'G', 'Q')) return [];
  if (hasOption(s, 'N', 's', 'O')) return settings;
  const host = s.operands[0];
  if (host === undefined) return settings;
  const rest = args.slice(host + 1);
  // The remote shell parses the joined arguments as one script; with none it reads stdin.
  if (!rest.length) return [...settings, { kind: 'stdin-script', detail: 'ssh', where: 'unknown' }];
  return [...settings, { kind: 'script', text: joinWords(rest), detail: 'ssh', where: 'unknown' }];
}

const DOCKER_GLOBAL: OptionSpec = {
  flags: 'Dv',
  withArg: 'Hcl',
  longFlags: ['debug', 'tls', 'tlsverify', 'version', 'help'],
  longWithArg: ['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'],
};

const DOCKER_EXEC: OptionSpec = {
  flags: 'dit',
  withArg: 'euw',
  longFlags: ['detach', 'interactive', 'tty', 'privileged', 'help'],
  longWithArg: ['env', 'env-file', 'user', 'workdir', 'detach-keys'],
};

const COMPOSE_EXEC: OptionSpec = {
  flags: 'dTe',
  withArg: 'euw',
  longFlags: ['detach', 'no-TTY', 'privileged', 'interactive', 'tty', 'help', 'dry-run'],
  longWithArg: ['env', 'user', 'workdir', 'index'],
};

/** `compose run [opts] SERVICE [cmd…]`: cmd runs in a new container of the service. */
const COMPOSE_RUN: OptionSpec = {
  flags: 'dTPit',
  withArg: 'elpuvw',
  longFlags: [
    'detach',
    'rm',
    'no-TTY',
    'service-ports',
    'no-deps',
    'build',
    'quiet-pull',
    'remove-orphans',
    'interactive',
    'tty',
    'use-aliases',
    'help',
    'dry-run',
  ],
  longWithArg: [
    'entrypoint',
    'env',
    'label',
    'name',
    'publish',
    'user',
    'volume',
    'workdir',
    'pull',
    'cap-add',
    'cap-drop',
    'env-from-file',
  ],
};

const COMPOSE_GLOBAL: OptionSpec = {
  withArg: 'fp',
  longFlags: ['compatibility', 'dry-run', 'verbose', 'help', 'version'],
  longWithArg: ['file', 'project-name', 'profile', 'env-file', 'project-directory', 'ansi', 'parallel', 'progress'],
};

function spawnAfter(args: Word[], spec: OptionSpec, label: string, operandsBefore: number, text: string): Action[] {
  const s = scanOptions(args, spec);
  if (s.unknown) return [{ kind: 'undecidable', found: undecidable('parse.unknown_option', `unknown ${label} option ${s.unknown}`, text) }];
  const start = s.end + operandsBefore;
  const words = args.slice(start);
  return words.length ? [{ kind: 'spawn', words, label, where: 'unknown' }] : [];
}

const DOCKER_RUN: OptionSpec = {
  flags: 'ditPq',
  withArg: 'acehlmpuvw',
  longFlags: [
    'detach',
    'interactive',
    'tty',
    'rm',
    'init',
    'privileged',
    'publish-all',
    'read-only',
    'sig-proxy',
    'no-healthcheck',
    'oom-kill-disable',
    'quiet',
    'disable-content-trust',
    'use-api-socket',
    'help',
  ],
  longWithArg: [
    'attach',
    'add-host',
    'annotation',
    'blkio-weight',
    'blkio-weight-device',
    'cap-add',
    'cap-drop',
    'cgroup-parent',
    'cgroupns',
    'cidfile',
    'cpu-period',
    'cpu-quota',
    'cpu-rt-period',
    'cpu-rt-runtime',
    'cpu-shares',
    'cpus',
    'cpuset-cpus',
    'cpuset-mems',
    'device',
    'device-cgroup-rule',
    'device-read-bps',
    'device-read-iops',
    'device-write-bps',
    'device-write-iops',
    'dns',
    'dns-option',
    'dns-search',
    'domainname',
    'entrypoint',
    'env',
    'env-file',
    'expose',
    'gpus',
    'group-add',
    'health-cmd',
    'health-interval',
    'health-retries',
    'health-start-interval',
    'health-start-period',
    'health-timeout',
    'hostname',
    'ip',
    'ip6',
    'ipc',
    'isolation',
    'kernel-memory',
    'label',
    'label-file',
    'link',
    'link-local-ip',
    'log-driver',
    'log-opt',
    'mac-address',
    'memory',
    'memory-reservation',
    'memory-swap',
    'memory-swappiness',
    'mount',
    'name',
    'network',
    'net',
    'network-alias',
    'net-alias',
    'oom-score-adj',
    'pid',
    'pids-limit',
    'platform',
    'publish',
    'pull',
    'restart',
    'runtime',
    'security-opt',
    'shm-size',
    'stop-signal',
    'stop-timeout',
    'storage-opt',
    'sysctl',
    'tmpfs',
    'ulimit',
    'user',
    'userns',
    'uts',
    'volume',
    'volume-driver',
    'volumes-from',
    'workdir',
    'detach-keys',
    'pod',
    'arch',
    'os',
    'variant',
    'secret',
    'systemd',
    'replace',
    'sdnotify',
  ],
};

/** `docker run [opts] IMAGE [cmd…]`: cmd (after any --entrypoint) runs in the container. */
function dockerRun(name: string, args: Word[], text: string): Action[] {
  const s = scanOptions(args, DOCKER_RUN);
  if (s.unknown)
    return [{ kind: 'undecidable', found: undecidable('parse.unknown_option', `unknown ${name} run option ${s.unknown}`, text) }];
  const label = `${name} run`;
  const out: Action[] = [];
  for (const o of s.options) {
    if (o.name === 'health-cmd' && o.value) out.push({ kind: 'script', text: o.value, detail: `${label} --health-cmd`, where: 'unknown' });
  }
  const entrypoint = s.options.find((o) => o.name === 'entrypoint')?.value;
  const words = [...(entrypoint && entrypoint.value !== '' ? [entrypoint] : []), ...args.slice(s.end + 1)];
  if (words.length) out.push({ kind: 'spawn', words, label, where: 'unknown' });
  return out;
}

/** docker/podman: `exec`, `container exec`, `compose exec`, `run`, `container run`. */
export function dockerActions(name: string, args: Word[], text: string): Action[] {
  const g = scanOptions(args, DOCKER_GLOBAL);
  if (g.unknown) return [];
  const op = (i: number) => (args[i]?.static ? args[i]!.value : '');
  let i = g.end;
  if (op(i) === 'container') i++;
  if (op(i) === 'exec') return spawnAfter(args.slice(i + 1), DOCKER_EXEC, `${name} exec`, 1, text);
  if (op(i) === 'run') return dockerRun(name, args.slice(i + 1), text);
  // `podman unshare cmd`: the command runs here, as root of podman's user namespace (same files).
  if (name === 'podman' && op(i) === 'unshare') {
    const u = scanOptions(args, { flags: 'h', longFlags: ['rootless-netns', 'help'] }, i + 1);
    if (u.unknown)
      return [{ kind: 'undecidable', found: undecidable('parse.unknown_option', `unknown podman unshare option ${u.unknown}`, text) }];
    const words = args.slice(u.end);
    return words.length ? [{ kind: 'spawn', words, label: 'podman unshare', where: 'keep' }] : [];
  }
  // `podman machine ssh [NAME] [cmd…]`: like ssh, the remote shell runs the joined words.
  if (name === 'podman' && op(i) === 'machine' && op(i + 1) === 'ssh') return machineSshActions(args.slice(i + 2), text);
  if (op(i) === 'compose') {
    const c = scanOptions(args, COMPOSE_GLOBAL, i + 1);
    if (op(c.end) === 'exec') return spawnAfter(args.slice(c.end + 1), COMPOSE_EXEC, `${name} compose exec`, 1, text);
    if (op(c.end) === 'run') return spawnAfter(args.slice(c.end + 1), COMPOSE_RUN, `${name} compose run`, 1, text);
  }
  return [];
}

/**
 * `podman machine ssh [--username U] [NAME] [COMMAND…]`: the machine's shell runs the joined words.
 * Whether the first word names a machine is only known to podman (it checks its machines), so both
 * readings are judged: every word a command, and the words after the first.
 */
function machineSshActions(args: Word[], text: string): Action[] {
  const s = scanOptions(args, { longWithArg: ['username'], longFlags: ['help'], flags: 'h' });
  if (s.unknown)
    return [{ kind: 'undecidable', found: undecidable('parse.unknown_option', `unknown podman machine ssh option ${s.unknown}`, text) }];
  if (hasOption(s, 'h', 'help')) return [];
  const words = args.slice(s.end);
  const detail = 'podman machine ssh (in the machine)';
  const out: Action[] = [];
  if (words.length) out.push({ kind: 'script', text: joinWords(words), detail, where: 'unknown' });
  // No command starts with a dash: then the first word is the command (`podman machine ssh ls -la`).
  if (words.length > 1 && !(words[1]!.static && words[1]!.value.startsWith('-')))
    out.push({ kind: 'script', text: joinWords(words.slice(1)), detail, where: 'unknown' });
  // A machine name alone (or nothing): an interactive shell, which reads standard input.
  if (words.length <= 1) out.push({ kind: 'stdin-script', detail, where: 'unknown' });
  return out;
}

export function composeActions(name: string, args: Word[], text: string): Action[] {
  const c = scanOptions(args, COMPOSE_GLOBAL);
  if (args[c.end]?.value === 'exec') return spawnAfter(args.slice(c.end + 1), COMPOSE_EXEC, `${name} exec`, 1, text);
  if (args[c.end]?.value === 'run') return spawnAfter(args.slice(c.end + 1), COMPOSE_RUN, `${name} run`, 1, text);
  return [];
}

const KUBECTL_EXEC: OptionSpec = {
  flags: 'itq',
  withArg: 'cnf',
  longFlags: ['stdin', 'tty', 'quiet', 'help'],
  longWithArg: [
    'container',
    'namespace',
    'filename',
    'pod-running-timeout',
    'context',
    'kubeconfig',
    'cluster',
    'user',
    'server',
    'token',
    'as',
    'request-timeout',
  ],
  permute: true,
};

/** `oc rsh [options] POD [cmd…]`: cmd runs in the pod's container (a shell when there is none). */
const OC_RSH: OptionSpec = {
  flags: 'tTq',
  withArg: 'cfn',
  longFlags: ['tty', 'no-tty', 'quiet', 'help'],
  longWithArg: [
    'container',
    'filename',
    'shell',
    'timeout',
    'namespace',
    'context',
    'kubeconfig',
    'cluster',
    'user',
    'server',
    'token',
    'as',
  ],
};

/** kubectl/oc `exec … -- cmd …` (or the old form `exec pod cmd …`), and `oc rsh POD cmd …`. */
export function kubectlActions(name: string, args: Word[], text: string): Action[] {
  const at = args.findIndex((w) => w.static && (w.value === 'exec' || (name === 'oc' && w.value === 'rsh')));
  if (at < 0) return [];
  if (args[at]!.value === 'rsh') return spawnAfter(args.slice(at + 1), OC_RSH, 'oc rsh', 1, text);
  const rest = args.slice(at + 1);
  const dashdash = rest.findIndex((w) => w.static && w.value === '--');
  if (dashdash >= 0) {
    const words = rest.slice(dashdash + 1);
    return words.length ? [{ kind: 'spawn', words, label: `${name} exec`, where: 'unknown' }] : [];
  }
  const s = scanOptions(rest, { ...KUBECTL_EXEC, permute: false });
  if (s.unknown)
    return [{ kind: 'undecidable', found: undecidable('parse.unknown_option', `unknown ${name} exec option ${s.unknown}`, text) }];
  const words = rest.slice(s.end + 1);
  return words.length ? [{ kind: 'spawn', words, label: `${name} exec`, where: 'unknown' }] : [];
}
