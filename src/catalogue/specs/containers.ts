// Family: containers — engines (docker, podman, nerdctl, finch), their compose tools, image tools
// (buildah, skopeo), the runtimes under Kubernetes (ctr, crictl), local VMs and clusters (lima,
// colima, multipass, kind, minikube, k3d) and registry credential helpers. docker and podman (and
// the compose tools) have analysis of their own for the commands they run (exec, run): their specs
// only add verbs. The others run their nested commands through the roles declared here.
import type { CommandSpec, OptionDecl, ProgramSpec, VerbWhen } from '../spec.js';
import { COMPUTED, aliases, dryRun, credential, destroy, flags, harmless, privilege, read, valued, verb, write } from './infra-helpers.js';
import { changingByDefault } from './builders.js';

const COMMAND = { kind: 'command' } as const;
const DATA = { kind: 'data' } as const;

/** The container engine's API socket: whoever holds it runs anything as root on the host. */
const ENGINE_SOCKET = '(docker|podman|containerd|crio|cri-dockerd|buildkitd)\\.sock';
/** Capabilities that reach past the container (mounts, modules, raw devices, any file by handle, eBPF). */
const HOST_CAPABILITIES = '(^|,)\\s*(CAP_)?(ALL|SYS_ADMIN|SYS_MODULE|SYS_RAWIO|DAC_READ_SEARCH|BPF|SYS_BOOT|MAC_ADMIN)\\b';
/** The host's disks and memory as devices. */
const HOST_DISKS = '^/dev/(sd|hd|vd|xvd|nvme|mmcblk|dm-|mapper/|md|loop|mem$|kmem$|port$)';

/** What makes a container as strong as the host: the checks every engine's `run`/`create` shares. */
const HOST_ACCESS: VerbWhen[] = [
  {
    options: [{ name: '--volume', value: ENGINE_SOCKET }],
    verb: verb('privilege', "mounts the container engine's socket: the container can start privileged containers on the host"),
  },
  {
    options: [{ name: '--mount', value: ENGINE_SOCKET }],
    verb: verb('privilege', "mounts the container engine's socket: the container can start privileged containers on the host"),
  },
  {
    options: [{ name: '--pid', value: '^host$' }],
    verb: verb('privilege', "shares the host's processes: the container can signal and trace them"),
  },
  {
    options: [{ name: '--cap-add', value: HOST_CAPABILITIES }],
    verb: verb('privilege', 'adds a capability that reaches the host (mounts, kernel modules, raw devices)'),
  },
  {
    options: [
      { name: '--network', value: '^host$' },
      { name: '--cap-add', value: 'NET_ADMIN|NET_RAW' },
    ],
    verb: verb('privilege', "joins the host's network with network admin rights: it can rewrite the host's firewall and routes"),
  },
  {
    options: [{ name: '--device', value: HOST_DISKS }],
    verb: verb('privilege', "gives the container the host's disks or memory as devices"),
  },
];

const RUN_OPTIONS: OptionDecl[] = [
  ...valued(
    ['-a', '--attach'],
    ['-c', '--cpu-shares'],
    ['-e', '--env'],
    ['-h', '--hostname'],
    ['-l', '--label'],
    ['-m', '--memory'],
    ['-p', '--publish'],
    ['-u', '--user'],
    ['-v', '--volume'],
    ['-w', '--workdir'],
    ['--network', '--net'],
    ['--network-alias', '--net-alias'],
  ),
  ...valued(
    '--add-host',
    '--annotation',
    '--blkio-weight',
    '--blkio-weight-device',
    '--cap-add',
    '--cap-drop',
    '--cgroup-parent',
    '--cgroupns',
    '--cidfile',
    '--cpu-period',
    '--cpu-quota',
    '--cpu-rt-period',
    '--cpu-rt-runtime',
    '--cpus',
    '--cpuset-cpus',
    '--cpuset-mems',
    '--device',
    '--device-cgroup-rule',
    '--device-read-bps',
    '--device-read-iops',
    '--device-write-bps',
    '--device-write-iops',
    '--dns',
    '--dns-option',
    '--dns-opt',
    '--dns-search',
    '--domainname',
    '--entrypoint',
    '--env-file',
    '--expose',
    '--gpus',
    '--group-add',
    '--health-cmd',
    '--health-interval',
    '--health-retries',
    '--health-start-interval',
    '--health-start-period',
    '--health-timeout',
    '--ip',
    '--ip6',
    '--ipc',
    '--isolation',
    '--kernel-memory',
    '--label-file',
    '--link',
    '--link-local-ip',
    '--log-driver',
    '--log-opt',
    '--mac-address',
    '--memory-reservation',
    '--memory-swap',
    '--memory-swappiness',
    '--mount',
    '--name',
    '--oom-score-adj',
    '--pid',
    '--pids-limit',
    '--platform',
    '--pull',
    '--restart',
    '--runtime',
    '--security-opt',
    '--shm-size',
    '--stop-signal',
    '--stop-timeout',
    '--storage-opt',
    '--sysctl',
    '--tmpfs',
    '--ulimit',
    '--userns',
    '--uts',
    '--volume-driver',
    '--volumes-from',
    '--detach-keys',
    '--pod',
    '--arch',
    '--os',
    '--variant',
    '--secret',
    '--systemd',
    '--sdnotify',
    '--uidmap',
    '--gidmap',
    '--subuidname',
    '--subgidname',
    '--pod-id-file',
    '--preserve-fds',
    '--tz',
    '--umask',
    '--unsetenv',
    '--passwd-entry',
    '--group-entry',
    '--hostuser',
    '--chrootdirs',
    '--personality',
    '--init-path',
    '--conmon-pidfile',
    '--cgroups',
    '--cgroup-conf',
    '--requires',
    '--seccomp-policy',
    '--image-volume',
    '--decryption-key',
    '--authfile',
    '--cert-dir',
    '--creds',
    '--timeout',
    '--retry',
    '--retry-delay',
  ),
  ...flags(
    ['-d', '--detach'],
    ['-i', '--interactive'],
    ['-t', '--tty'],
    ['-P', '--publish-all'],
    ['-q', '--quiet'],
    '--rm',
    '--init',
    '--read-only',
    '--sig-proxy',
    '--no-healthcheck',
    '--oom-kill-disable',
    '--disable-content-trust',
    '--use-api-socket',
    '--replace',
    '--rootfs',
    '--http-proxy',
    '--no-hosts',
    '--read-only-tmpfs',
    '--env-host',
    '--tls-verify',
  ),
  { names: ['--privileged'], verb: verb('privilege', 'runs the container with every capability and the host devices: root on the host') },
];

/** `run`/`create`: the engine's analysis (docker, podman) reads the command; `roles` adds it for the others. */
const runLike = (what: string, roles: boolean): CommandSpec =>
  write(what, {
    options: RUN_OPTIONS,
    when: HOST_ACCESS,
    ...(roles ? { unknown: 'block' as const, operands: [DATA, { ...COMMAND, rest: true }] } : {}),
  });

const execLike = (roles: boolean): CommandSpec =>
  write('runs a command in a running container', {
    options: [
      ...valued(['-e', '--env'], ['-u', '--user'], ['-w', '--workdir'], '--env-file', '--detach-keys', '--preserve-fds'),
      ...flags(['-d', '--detach'], ['-i', '--interactive'], ['-t', '--tty'], ['-l', '--latest']),
      { names: ['--privileged'], verb: verb('privilege', 'runs the command with every capability and the host devices') },
    ],
    ...(roles ? { unknown: 'block' as const, operands: [DATA, { ...COMMAND, rest: true }] } : {}),
  });

/** `rm`: one container is a reversible change; its anonymous volumes, or every container listed by a substitution, are not. */
const containerRemove: CommandSpec = write('removes containers', {
  options: [
    ...flags(['-f', '--force'], ['-l', '--link'], ['-a', '--all'], ['-i', '--ignore'], '--depend'),
    ...valued(['-t', '--time']),
    { names: ['-v', '--volumes'], verb: verb('destroy', "removes the containers' anonymous volumes with them, and the data in them") },
  ],
  when: [
    {
      options: [{ name: '--force' }],
      operand: COMPUTED,
      verb: verb('destroy', 'force-removes every container a substitution lists, running ones included'),
    },
    { options: [{ name: '--force' }, { name: '--all' }], verb: verb('destroy', 'force-removes every container, running ones included') },
  ],
});

const imageRemove: CommandSpec = write('removes images (they can be pulled or built again)', {
  options: [...flags(['-f', '--force'], '--no-prune', ['-a', '--all'], ['-i', '--ignore'])],
  when: [
    {
      options: [{ name: '--force' }],
      operand: COMPUTED,
      verb: verb('destroy', 'force-removes every image a substitution lists, including ones built here that no registry holds'),
    },
    {
      options: [{ name: '--force' }, { name: '--all' }],
      verb: verb('destroy', 'force-removes every image, including ones built here that no registry holds'),
    },
  ],
});

const PRUNE_OPTIONS: OptionDecl[] = [
  ...flags(['-f', '--force'], ['-a', '--all']),
  ...valued('--filter', '--keep-storage', '--max-used-space', '--reserved-space', '--min-free-space'),
];

/** The subcommands of `docker container` (also top-level: `docker ps`, `docker rm`). */
const containerCommands = (roles: boolean): Record<string, CommandSpec> => ({
  ...aliases(['ls', 'list', 'ps'], read('lists containers')),
  ...aliases(['inspect', 'logs', 'stats', 'top', 'port', 'diff', 'wait', 'exists', 'healthcheck'], read('shows containers')),
  run: runLike('starts a container', roles),
  create: runLike('creates a container', roles),
  exec: execLike(roles),
  ...aliases(
    [
      'start',
      'stop',
      'restart',
      'kill',
      'pause',
      'unpause',
      'attach',
      'rename',
      'update',
      'cp',
      'commit',
      'export',
      'mount',
      'unmount',
      'umount',
      'checkpoint',
      'restore',
      'init',
      'cleanup',
      'clone',
    ],
    write('changes containers'),
  ),
  ...aliases(['rm', 'remove'], containerRemove),
  prune: write('removes stopped containers', { options: PRUNE_OPTIONS }),
});

const imageCommands: Record<string, CommandSpec> = {
  ...aliases(['ls', 'list', 'inspect', 'history', 'exists', 'tree', 'search', 'diff'], read('shows images')),
  ...aliases(
    ['build', 'pull', 'push', 'tag', 'untag', 'save', 'load', 'import', 'sign', 'trust', 'scp', 'mount', 'unmount'],
    write('builds, moves or tags images'),
  ),
  ...aliases(['rm', 'remove'], imageRemove),
  prune: write('removes unused images (they can be pulled or built again)', { options: PRUNE_OPTIONS }),
};

const volumeCommands: Record<string, CommandSpec> = {
  ...aliases(['ls', 'list', 'inspect', 'exists'], read('shows volumes')),
  ...aliases(['create', 'import', 'export', 'mount', 'unmount', 'reload', 'update'], write('creates or moves volumes')),
  // One named volume is a deliberate change; volume rm of a computed list is judged by the infra rules.
  ...aliases(['rm', 'remove'], write('removes a volume', { options: flags(['-f', '--force']) })),
  prune: destroy('removes every volume no container uses, with the data in them', { options: PRUNE_OPTIONS }),
};

const networkCommands: Record<string, CommandSpec> = {
  ...aliases(['ls', 'list', 'inspect', 'exists'], read('shows networks')),
  ...aliases(['create', 'connect', 'disconnect', 'rm', 'remove', 'prune', 'reload', 'update'], write('changes container networks')),
};

const systemCommands: Record<string, CommandSpec> = {
  ...aliases(['df', 'info', 'events', 'connection', 'dial-stdio'], read('shows the engine')),
  prune: write('removes stopped containers, unused networks, dangling images and the build cache', {
    options: [
      ...PRUNE_OPTIONS,
      { names: ['--volumes'], verb: verb('destroy', 'also removes every volume no container uses, with the data in them') },
    ],
  }),
  reset: destroy('removes every container, image, volume and network of the engine'),
  ...aliases(['migrate', 'renumber', 'service', 'check'], write('changes the engine')),
};

const composeDown: CommandSpec = write('stops and removes the project containers and networks (volumes stay)', {
  options: [
    ...valued('--rmi', ['-t', '--timeout']),
    ...flags('--remove-orphans'),
    { names: ['-v', '--volumes'], verb: verb('destroy', "removes the project's volumes and the data in them") },
  ],
});

const COMPOSE_OPTIONS: OptionDecl[] = [
  ...valued(
    ['-f', '--file'],
    ['-p', '--project-name'],
    '--profile',
    '--env-file',
    '--project-directory',
    '--ansi',
    '--parallel',
    '--progress',
    '--podman-args',
    '--podman-run-args',
  ),
  ...flags('--compatibility', '--verbose', '--all-resources', '--no-ansi'),
  dryRun(),
];

/** `docker compose …`, `docker-compose …`: the analysis reads `exec`; `roles` adds `run`/`exec` commands for the others. */
const composeCommands = (roles: boolean): Record<string, CommandSpec> => ({
  ...aliases(
    ['ps', 'logs', 'config', 'convert', 'ls', 'images', 'top', 'version', 'events', 'port', 'stats', 'alpha', 'volumes'],
    read('shows the project'),
  ),
  down: composeDown,
  rm: write('removes stopped service containers', {
    options: [
      ...flags(['-f', '--force'], ['-s', '--stop']),
      { names: ['-v', '--volumes'], verb: verb('destroy', 'removes the anonymous volumes of the containers, and the data in them') },
    ],
  }),
  run: write('runs a one-off command in a service container', {
    options: [
      ...valued(
        ['-e', '--env'],
        ['-u', '--user'],
        ['-w', '--workdir'],
        ['-p', '--publish'],
        ['-v', '--volume'],
        ['-l', '--label'],
        '--name',
        '--entrypoint',
        '--cap-add',
        '--cap-drop',
        '--pull',
      ),
      ...flags(
        ['-d', '--detach'],
        '--rm',
        '--no-deps',
        ['-T', '--no-TTY'],
        ['-i', '--interactive'],
        '--service-ports',
        '--use-aliases',
        '--build',
        '--remove-orphans',
        '--quiet-pull',
        ['-P', '--publish-all'],
      ),
    ],
    when: HOST_ACCESS,
    ...(roles ? { unknown: 'block' as const, operands: [DATA, { ...COMMAND, rest: true }] } : {}),
  }),
  exec: write('runs a command in a service container', {
    options: [
      ...valued(['-e', '--env'], ['-u', '--user'], ['-w', '--workdir'], '--index'),
      ...flags(['-d', '--detach'], ['-T', '--no-TTY'], ['-i', '--interactive'], ['-t', '--tty']),
      { names: ['--privileged'], verb: verb('privilege', 'runs the command with every capability and the host devices') },
    ],
    ...(roles ? { unknown: 'block' as const, operands: [DATA, { ...COMMAND, rest: true }] } : {}),
  }),
  ...aliases(
    [
      'up',
      'start',
      'stop',
      'restart',
      'kill',
      'pause',
      'unpause',
      'create',
      'build',
      'pull',
      'push',
      'cp',
      'scale',
      'watch',
      'wait',
      'attach',
      'publish',
      'systemd',
    ],
    write('changes the project containers'),
  ),
});

/** docker and podman: the same commands (podman adds pods, machines, `system reset`). */
const engineCommands = (roles: boolean): Record<string, CommandSpec> => ({
  ...containerCommands(roles),
  container: { subcommands: containerCommands(roles) },
  ...aliases(['images', 'history', 'search', 'info', 'version', 'events', 'df'], read('shows images or the engine')),
  ...aliases(
    ['build', 'pull', 'push', 'tag', 'save', 'load', 'import', 'login', 'logout', 'commit'],
    write('builds, moves or tags images, or stores a registry login'),
  ),
  rmi: imageRemove,
  image: { subcommands: imageCommands },
  volume: { subcommands: volumeCommands },
  network: { subcommands: networkCommands },
  system: { subcommands: systemCommands },
  compose: { options: COMPOSE_OPTIONS, subcommands: composeCommands(roles) },
  builder: {
    subcommands: {
      ...aliases(['ls', 'du', 'inspect'], read('shows the build cache')),
      ...aliases(['prune', 'build'], write('builds, or removes the build cache')),
    },
  },
  buildx: {
    subcommands: {
      ...aliases(['ls', 'inspect', 'du', 'version', 'history'], read('shows builders')),
      ...aliases(
        ['build', 'bake', 'create', 'use', 'rm', 'stop', 'prune', 'imagetools', 'dial-stdio', 'install', 'uninstall'],
        write('builds images or changes builders'),
      ),
    },
  },
  context: {
    subcommands: {
      ...aliases(['ls', 'list', 'inspect', 'show', 'export'], read('shows contexts')),
      ...aliases(['create', 'rm', 'remove', 'update', 'use', 'import'], write('changes contexts')),
    },
  },
  manifest: {
    subcommands: {
      ...aliases(['inspect', 'exists'], read('shows a manifest list')),
      ...aliases(['create', 'annotate', 'push', 'rm', 'add', 'remove'], write('changes a manifest list')),
    },
  },
  stack: {
    subcommands: {
      ...aliases(['ls', 'ps', 'services', 'config'], read('shows stacks')),
      deploy: write('deploys a stack of services to the swarm'),
      up: write('deploys a stack of services to the swarm'),
      ...aliases(
        ['rm', 'remove', 'down'],
        destroy('removes a whole deployed stack: every service, network and secret of the application on the swarm'),
      ),
    },
  },
  service: {
    subcommands: {
      ...aliases(['ls', 'ps', 'inspect', 'logs'], read('shows swarm services')),
      ...aliases(
        ['create', 'update'],
        write('creates or updates a swarm service', {
          options: valued(
            '--mount',
            '--mount-add',
            '--cap-add',
            ['-e', '--env'],
            '--name',
            '--replicas',
            ['-p', '--publish'],
            '--network',
            '--constraint',
            '--secret',
            '--config',
            ['-l', '--label'],
            '--mode',
            '--image',
          ),
          when: [
            ...['--mount', '--mount-add'].map((name) => ({
              options: [{ name, value: ENGINE_SOCKET }],
              verb: verb('privilege', "mounts the container engine's socket: the service can start privileged containers on the nodes"),
            })),
            {
              options: [{ name: '--cap-add', value: HOST_CAPABILITIES }],
              verb: verb('privilege', 'adds a capability that reaches the host'),
            },
          ],
        }),
      ),
      ...aliases(['scale', 'rollback', 'rm', 'remove'], write('changes swarm services')),
    },
  },
  swarm: {
    subcommands: {
      ...aliases(['init', 'join', 'update', 'ca', 'unlock'], write('changes the swarm')),
      'join-token': credential('prints the token that lets any machine join the swarm', { options: flags(['-q', '--quiet'], '--rotate') }),
      'unlock-key': credential("prints the key that unlocks the swarm's encrypted state", {
        options: flags(['-q', '--quiet'], '--rotate'),
      }),
      leave: write('leaves the swarm', {
        options: [
          {
            names: ['-f', '--force'],
            verb: verb('destroy', 'forces a manager out of the swarm: the last manager takes the swarm state with it'),
          },
        ],
      }),
    },
  },
  node: {
    subcommands: {
      ...aliases(['ls', 'ps', 'inspect'], read('shows swarm nodes')),
      ...aliases(['demote', 'promote', 'update', 'rm', 'remove'], write('changes swarm nodes')),
    },
  },
  secret: {
    subcommands: {
      ...aliases(['ls', 'list', 'inspect', 'exists'], read('shows secret names and metadata')),
      ...aliases(['create', 'rm', 'remove'], write('changes secrets')),
    },
  },
  config: { subcommands: { ...aliases(['ls', 'inspect'], read('shows configs')), ...aliases(['create', 'rm'], write('changes configs')) } },
  plugin: {
    subcommands: {
      ...aliases(['ls', 'list', 'inspect'], read('shows plugins')),
      install: write('installs an engine plugin', {
        options: [{ names: ['--grant-all-permissions'], verb: verb('privilege', 'grants the plugin every host permission it asks for') }],
      }),
      ...aliases(['enable', 'disable', 'rm', 'remove', 'create', 'push', 'set', 'upgrade'], write('changes engine plugins')),
    },
  },
  trust: {
    subcommands: { inspect: read('shows signatures'), ...aliases(['sign', 'revoke', 'key', 'signer'], write('changes image signatures')) },
  },
  scout: read('analyses images'),
  sbom: read('lists the packages of an image'),
  init: write('writes Docker files for a project'),
  pod: {
    subcommands: {
      ...aliases(['ps', 'ls', 'list', 'inspect', 'logs', 'stats', 'top', 'exists'], read('shows pods')),
      ...aliases(['create', 'start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'clone', 'rm', 'prune'], write('changes pods')),
    },
  },
  machine: {
    subcommands: {
      ...aliases(['ls', 'list', 'inspect', 'info'], read('shows machines')),
      ...aliases(['init', 'start', 'stop', 'set', 'ssh', 'os', 'cp'], write('changes the engine VM')),
      ...aliases(['rm', 'remove'], destroy('deletes the engine VM with every container, image and volume in it')),
      reset: destroy('deletes every engine VM with every container, image and volume in them'),
    },
  },
  ...aliases(['play', 'kube'], write('creates pods from Kubernetes YAML')),
  generate: read('prints systemd units or Kubernetes YAML'),
  'auto-update': write('updates containers to newer images'),
  secrets: read('shows secrets'),
});

const ENGINE_GLOBALS: OptionDecl[] = [
  ...valued(
    ['-H', '--host'],
    ['-c', '--context'],
    ['-l', '--log-level'],
    '--config',
    '--tlscacert',
    '--tlscert',
    '--tlskey',
    '--connection',
    '--identity',
    '--url',
    '--root',
    '--runroot',
    '--storage-driver',
    '--storage-opt',
    '--runtime',
    '--cgroup-manager',
    '--events-backend',
    '--network-cmd-path',
    '--tmpdir',
    '--module',
    '--ssh',
  ),
  ...flags(['-D', '--debug'], '--tls', '--tlsverify', '--remote', '--syslog'),
  ...harmless('--help', '--version'),
];

const NERDCTL_GLOBALS: OptionDecl[] = [
  ...valued(
    ['-n', '--namespace'],
    ['-a', '--address', '-H', '--host'],
    '--snapshotter',
    '--storage-driver',
    '--cni-path',
    '--cni-netconfpath',
    '--data-root',
    '--cgroup-manager',
    '--insecure-registry',
    '--hosts-dir',
    '--host-gateway-ip',
    '--bridge-ip',
    '--kube-hide-dupe',
  ),
  ...flags('--debug', '--debug-full', '--experimental'),
  ...harmless('--help', ['-v', '--version']),
];

const EVERYDAY_ENGINE_ALLOWS = (n: string) => [
  `${n} ps -a`,
  `${n} images`,
  `${n} logs -f web`,
  `${n} rm -f web`,
  `${n} system prune -f`,
  `${n} run --rm -v "$PWD":/src -w /src node:20 npm test`,
];

export const CONTAINERS: ProgramSpec[] = [
  {
    names: ['docker'],
    family: 'containers',
    summary: 'Docker engine CLI (its exec and run commands are read by the container analysis)',
    options: ENGINE_GLOBALS,
    subcommands: changingByDefault(engineCommands(false), 'changes containers, images or engine state'),
    examples: {
      block: [
        'docker run --privileged -it alpine sh',
        'docker run -v /var/run/docker.sock:/var/run/docker.sock alpine',
        'docker run --mount type=bind,src=/run/docker.sock,dst=/s alpine',
        'docker run --pid=host --rm alpine kill 1',
        'docker run --cap-add=SYS_ADMIN alpine mount /dev/sda1 /mnt',
        'docker run --net=host --cap-add NET_ADMIN alpine iptables -F',
        'docker rm -f $(docker ps -aq)',
        'docker rm -fv db',
        'docker rmi -f $(docker images -q)',
        'docker stack rm shop',
        'docker swarm leave --force',
        'docker swarm join-token worker',
        'docker service create --name agent --mount type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock agent:1',
        'docker -H ssh://prod system prune -af --volumes',
      ],
      allow: [
        ...EVERYDAY_ENGINE_ALLOWS('docker'),
        'docker inspect web',
        'docker stats --no-stream',
        'docker version',
        'docker info',
        'docker image prune -a -f',
        'docker builder prune -af',
        'docker container prune -f',
        'docker network rm old-net',
        'docker service rm api',
        'docker run --network host alpine ping -c1 db',
        'docker run --cap-add SYS_PTRACE alpine strace ls',
        'docker exec -it web bash',
        'docker compose up -d --build',
        'docker stack ls',
        'docker rmi -f web:old',
      ],
    },
  },
  {
    names: ['podman'],
    family: 'containers',
    summary: 'Podman container engine (its exec and run commands are read by the container analysis)',
    options: ENGINE_GLOBALS,
    subcommands: changingByDefault(engineCommands(false), 'changes containers, images or engine state'),
    examples: {
      block: [
        'podman run --privileged alpine',
        'podman run -v /run/podman/podman.sock:/run/podman/podman.sock alpine',
        'podman machine rm -f',
        'podman system reset --force',
        'podman rm -fa',
      ],
      allow: [
        ...EVERYDAY_ENGINE_ALLOWS('podman'),
        'podman pod ps',
        'podman machine list',
        'podman machine start',
        'podman generate kube web',
      ],
    },
  },
  {
    names: ['nerdctl', 'finch'],
    family: 'containers',
    summary: 'containerd CLI compatible with docker (finch: the AWS distribution of it)',
    options: NERDCTL_GLOBALS,
    subcommands: changingByDefault(engineCommands(true), 'changes containers, images or engine state'),
    examples: {
      block: [
        'nerdctl run --rm alpine rm -rf ~',
        'nerdctl exec web sh -c "rm -rf /"',
        'nerdctl run --privileged alpine',
        'nerdctl compose down -v',
        'finch run -v /var/run/docker.sock:/var/run/docker.sock alpine',
        'nerdctl run --pod x alpine rm -rf /',
        'nerdctl compose run web rm -rf /',
      ],
      allow: [
        'nerdctl ps -a',
        'nerdctl images',
        'nerdctl run --rm alpine echo hi',
        'nerdctl -n k8s.io ps',
        'finch run --rm -v "$PWD":/src node:20 npm test',
        'nerdctl compose up -d',
      ],
    },
  },
  {
    names: ['docker-compose', 'podman-compose'],
    family: 'containers',
    summary: 'Compose v1 and the Podman compose tool (exec is read by the container analysis)',
    options: COMPOSE_OPTIONS,
    subcommands: composeCommands(false),
    examples: {
      block: [
        'docker-compose down -v',
        'docker-compose rm -fsv',
        'podman-compose down --volumes',
        'docker-compose -f prod.yml run -v /var/run/docker.sock:/var/run/docker.sock web sh',
      ],
      allow: ['docker-compose up -d', 'docker-compose ps', 'docker-compose logs -f api', 'docker-compose down', 'podman-compose up'],
    },
  },
  {
    names: [
      'docker-credential-desktop',
      'docker-credential-osxkeychain',
      'docker-credential-wincred',
      'docker-credential-pass',
      'docker-credential-secretservice',
      'docker-credential-ecr-login',
      'docker-credential-gcr',
      'docker-credential-gcloud',
      'docker-credential-acr-env',
    ],
    family: 'containers',
    summary: "Docker's registry credential helpers: `get` prints the stored password for a registry",
    subcommands: {
      get: credential('prints the registry username and password or token for the server read from stdin'),
      list: read('lists the registries with stored logins'),
      ...aliases(['store', 'erase', 'configure-docker', 'config', 'clear', 'version'], write('stores or erases a registry login')),
    },
    examples: {
      block: ['echo https://index.docker.io/v1/ | docker-credential-desktop get', 'docker-credential-osxkeychain get <<< ghcr.io'],
      allow: ['docker-credential-desktop list', 'docker-credential-pass version'],
    },
  },
  {
    names: ['buildah'],
    family: 'containers',
    summary: 'builds OCI images; `run` runs a command in a working container, `unshare` one on the host',
    options: [
      ...valued(
        '--root',
        '--runroot',
        '--storage-driver',
        '--storage-opt',
        '--registries-conf',
        '--cgroup-manager',
        '--log-level',
        '--userns-uid-map',
        '--userns-gid-map',
      ),
      ...flags('--debug'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      ...aliases(
        ['containers', 'images', 'inspect', 'info', 'version', 'source', 'login-status'],
        read('shows containers, images or the tool'),
      ),
      run: write('runs a command in a working container', {
        options: [
          ...valued(
            '--cap-add',
            '--cap-drop',
            ['-e', '--env'],
            '--hostname',
            '--isolation',
            '--mount',
            ['--network', '--net'],
            '--pid',
            '--runtime',
            '--runtime-flag',
            '--user',
            ['-v', '--volume'],
            '--workingdir',
            '--ipc',
            '--uts',
            '--cgroupns',
            '--userns',
            '--device',
            '--contextdir',
          ),
          ...flags(['-t', '--tty'], '--terminal', '--no-pivot', '--add-history', '--no-hosts', '--no-hostname'),
        ],
        unknown: 'block',
        operands: [DATA, { ...COMMAND, rest: true }],
        when: HOST_ACCESS,
      }),
      unshare: write('runs a command on the host in a user namespace', {
        optionsFirst: true,
        options: valued(['-m', '--mount']),
        unknown: 'block',
        operands: [{ ...COMMAND, rest: true }],
      }),
      ...aliases(
        [
          'from',
          'bud',
          'build',
          'build-using-dockerfile',
          'commit',
          'push',
          'pull',
          'tag',
          'add',
          'copy',
          'config',
          'mount',
          'umount',
          'unmount',
          'rename',
          'login',
          'logout',
          'manifest',
          'mkcw',
          'prune',
        ],
        write('builds, moves or tags images'),
      ),
      ...aliases(['rm', 'delete'], write('removes working containers')),
      rmi: write('removes images', {
        options: [...flags(['-a', '--all'], ['-f', '--force'], ['-p', '--prune'])],
        when: [
          {
            options: [{ name: '--all' }, { name: '--force' }],
            verb: verb('destroy', 'force-removes every image, including ones built here that no registry holds'),
          },
        ],
      }),
    },
    examples: {
      block: ['buildah run ctr -- rm -rf ~', "buildah run web sh -c 'rm -rf /'", 'buildah unshare rm -rf ~', 'buildah rmi -af'],
      allow: ['buildah images', 'buildah bud -t app .', 'buildah run ctr -- make test', 'buildah from alpine'],
    },
  },
  {
    names: ['skopeo'],
    family: 'containers',
    summary: 'inspects, copies and deletes images in registries',
    options: [
      ...valued(
        '--command-timeout',
        '--policy',
        '--registries.d',
        '--override-arch',
        '--override-os',
        '--override-variant',
        '--tmpdir',
        '--registries-conf',
      ),
      ...flags('--debug', '--insecure-policy'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      ...aliases(
        ['inspect', 'list-tags', 'manifest-digest', 'standalone-verify', 'generate-sigstore-key'],
        read('shows images in a registry'),
      ),
      ...aliases(['copy', 'sync', 'login', 'logout', 'standalone-sign'], write('copies images between registries or stores a login')),
      delete: destroy('deletes an image from its registry, for everyone who pulls it'),
    },
    examples: {
      block: ['skopeo delete docker://registry.example.com/app:1.2', 'skopeo --debug delete --creds u:p docker://r/x:y'],
      allow: ['skopeo inspect docker://alpine:3', 'skopeo list-tags docker://ghcr.io/acme/app', 'skopeo copy docker://a:1 docker://b:1'],
    },
  },
  {
    names: ['ctr'],
    family: 'containers',
    summary: 'containerd client (under Kubernetes nodes: namespace k8s.io)',
    options: [
      ...valued(['-a', '--address'], ['-n', '--namespace'], '--timeout', '--connect-timeout'),
      ...flags('--debug'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      run: write('runs a container', {
        options: [
          ...valued(
            '--mount',
            '--env',
            '--env-file',
            '--label',
            '--runtime',
            '--runtime-config-path',
            '--snapshotter',
            '--snapshotter-label',
            '--cwd',
            '--user',
            '-u',
            '--cpus',
            '--cpu-shares',
            '--cpu-quota',
            '--cpu-period',
            '--memory-limit',
            '--cap-add',
            '--cap-drop',
            '--device',
            '--gpus',
            '--with-ns',
            '--pid-file',
            '--fifo-dir',
            '--cgroup',
            '--platform',
            '--runc-binary',
            '--seccomp-profile',
            '--apparmor-profile',
            '--hostname',
            '--annotation',
            '--uidmap',
            '--gidmap',
            '--rootfs-propagation',
            '--log-uri',
            '--sandbox',
            '--blockio-config-file',
            '--blockio-class',
            '--rdt-class',
          ),
          ...flags(
            '--rm',
            ['-t', '--tty'],
            ['-d', '--detach'],
            '--null-io',
            '--net-host',
            '--read-only',
            '--rootfs',
            '--seccomp',
            '--apparmor-default-profile',
            '--cni',
            '--remap-labels',
            '--no-pivot',
          ),
          {
            names: ['--privileged'],
            verb: verb('privilege', 'runs the container with every capability and the host devices: root on the host'),
          },
        ],
        unknown: 'block',
        operands: [DATA, DATA, { ...COMMAND, rest: true }],
        when: [
          { options: [{ name: '--mount', value: ENGINE_SOCKET }], verb: verb('privilege', "mounts the container engine's socket") },
          {
            options: [{ name: '--cap-add', value: HOST_CAPABILITIES }],
            verb: verb('privilege', 'adds a capability that reaches the host'),
          },
        ],
      }),
      ...aliases(['tasks', 't', 'task'], {
        subcommands: {
          ...aliases(['ls', 'list', 'ps', 'metrics'], read('shows tasks')),
          exec: write('runs a command in a running container', {
            options: [
              ...valued('--exec-id', '--cwd', '--user', '-u', '--fifo-dir', '--log-uri'),
              ...flags(['-t', '--tty'], ['-d', '--detach']),
            ],
            unknown: 'block',
            operands: [DATA, { ...COMMAND, rest: true }],
          }),
          ...aliases(['start', 'kill', 'pause', 'resume', 'checkpoint', 'attach', 'rm', 'delete', 'del', 'remove'], write('changes tasks')),
        },
      }),
      ...aliases(['containers', 'c', 'container'], {
        subcommands: {
          ...aliases(['ls', 'list', 'info'], read('shows containers')),
          ...aliases(['create', 'rm', 'delete', 'del', 'remove', 'label', 'checkpoint', 'restore'], write('changes containers')),
        },
      }),
      ...aliases(['images', 'i', 'image'], {
        subcommands: {
          ...aliases(['ls', 'list', 'check', 'usage'], read('shows images')),
          ...aliases(
            ['pull', 'push', 'import', 'export', 'tag', 'rm', 'del', 'delete', 'remove', 'mount', 'unmount', 'label', 'convert'],
            write('changes images'),
          ),
        },
      }),
      ...aliases(['namespaces', 'namespace', 'ns'], {
        subcommands: {
          ...aliases(['ls', 'list'], read('lists namespaces')),
          create: write('creates a namespace'),
          label: write('labels a namespace'),
          ...aliases(
            ['rm', 'remove', 'delete', 'del'],
            destroy('deletes a containerd namespace (k8s.io holds the node’s Kubernetes containers)'),
          ),
        },
      }),
      ...aliases(['snapshots', 'snapshot', 'content', 'leases', 'sandboxes', 'sandbox', 'sb'], {
        subcommands: {
          ...aliases(['ls', 'list', 'info', 'usage', 'tree', 'get', 'diff'], read('shows storage')),
          '*': write('changes containerd storage'),
        },
      }),
      ...aliases(['version', 'info', 'plugins', 'plugin', 'events', 'event', 'deprecations'], read('shows containerd')),
      install: write('installs a runtime from an image'),
      ...aliases(['pprof', 'oci', 'shim'], read('debugs containerd')),
    },
    examples: {
      block: [
        'ctr run --rm docker.io/library/alpine:3 x rm -rf /',
        'ctr -n k8s.io tasks exec --exec-id s1 web rm -rf /data',
        'ctr run --privileged docker.io/library/alpine:3 x sh',
        'ctr namespaces rm k8s.io',
      ],
      allow: ['ctr -n k8s.io containers ls', 'ctr images ls', 'ctr version', 'ctr run --rm docker.io/library/alpine:3 x echo hi'],
    },
  },
  {
    names: ['crictl'],
    family: 'containers',
    summary: 'CRI client for the container runtime of a Kubernetes node',
    options: [
      ...valued(['-r', '--runtime-endpoint'], ['-i', '--image-endpoint'], ['-t', '--timeout'], ['-c', '--config']),
      ...flags(['-D', '--debug']),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      ...aliases(
        [
          'ps',
          'images',
          'img',
          'pods',
          'inspect',
          'inspecti',
          'inspectp',
          'logs',
          'stats',
          'statsp',
          'info',
          'version',
          'imagefsinfo',
          'metricdescs',
          'metricsp',
          'events',
          'config',
          'completion',
        ],
        read('shows containers, pods or images'),
      ),
      exec: write('runs a command in a container', {
        options: [
          ...valued('--timeout', ['-r', '--runtime']),
          ...flags(['-i', '--interactive'], ['-t', '--tty'], ['-s', '--sync'], ['-q', '--quiet']),
        ],
        unknown: 'block',
        operands: [DATA, { ...COMMAND, rest: true }],
      }),
      ...aliases(
        [
          'rm',
          'rmp',
          'stop',
          'stopp',
          'runp',
          'create',
          'start',
          'run',
          'pull',
          'update',
          'attach',
          'port-forward',
          'checkpoint',
          'update-runtime-config',
        ],
        write('changes containers, pods or images on the node'),
      ),
      rmi: write('removes images from the node', { options: flags(['-a', '--all'], ['-q', '--prune']) }),
    },
    examples: {
      block: ['crictl exec -it 1f2e rm -rf /var/lib/data', "crictl exec 1f2e sh -c 'rm -rf /'"],
      allow: ['crictl ps -a', 'crictl pods', 'crictl logs 1f2e', 'crictl rmi --prune', 'crictl exec 1f2e ls /'],
    },
  },
  {
    names: ['limactl'],
    family: 'containers',
    summary: 'Lima virtual machines (for containerd and docker on macOS)',
    options: [...valued('--log-level', '--log-format'), ...flags('--debug', '--tty'), ...harmless(['-h', '--help'], ['-v', '--version'])],
    subcommands: {
      ...aliases(['list', 'ls', 'info', 'show-ssh', 'disk', 'sudoers', 'completion', 'validate'], read('shows instances')),
      shell: write('runs a command in an instance', {
        options: [...valued('--workdir', '--shell'), ...flags('--preserve-env', '--reconnect')],
        unknown: 'block',
        operands: [DATA, { ...COMMAND, rest: true }],
      }),
      ...aliases(
        [
          'create',
          'start',
          'stop',
          'restart',
          'edit',
          'copy',
          'cp',
          'clone',
          'rename',
          'snapshot',
          'prune',
          'tunnel',
          'protect',
          'unprotect',
        ],
        write('changes instances'),
      ),
      ...aliases(['delete', 'remove', 'rm'], destroy('deletes the instance VM with its disk and every container and image in it')),
      'factory-reset': destroy('resets the instance to its first boot: everything written in it is lost'),
    },
    examples: {
      block: ['limactl delete --force default', 'limactl shell default rm -rf ~', 'limactl factory-reset default'],
      allow: ['limactl list', 'limactl start default', 'limactl shell default uname -a'],
    },
  },
  {
    names: ['lima'],
    family: 'containers',
    summary: 'runs a command in the default Lima instance',
    optionsFirst: true,
    unknown: 'block',
    options: harmless(['-h', '--help']),
    operands: [{ ...COMMAND, rest: true }],
    examples: { block: ['lima rm -rf ~', "lima sh -c 'rm -rf /'"], allow: ['lima uname -a', 'lima nerdctl ps'] },
  },
  {
    names: ['colima'],
    family: 'containers',
    summary: 'container runtimes on macOS in a Lima VM',
    options: [...valued(['-p', '--profile']), ...flags('--verbose', '--very-verbose'), ...harmless(['-h', '--help'], ['-v', '--version'])],
    subcommands: {
      ...aliases(['status', 'list', 'ls', 'version', 'completion'], read('shows instances')),
      ssh: write('runs a command in the VM', {
        options: [...valued('--layer')],
        optionsFirst: true,
        dashDash: 'command',
        unknown: 'block',
      }),
      ...aliases(['start', 'stop', 'restart', 'update', 'prune', 'template', 'ssh-config', 'nerdctl'], write('changes the VM')),
      delete: destroy('deletes the VM with every container, image and volume in it', { options: flags(['-f', '--force'], '--data') }),
      kubernetes: {
        subcommands: {
          ...aliases(['start', 'stop'], write('starts or stops the Kubernetes cluster')),
          ...aliases(['delete', 'reset'], destroy('deletes the Kubernetes cluster and its workloads')),
        },
      },
    },
    examples: {
      block: ['colima delete -f', 'colima kubernetes delete', 'colima ssh -- rm -rf ~'],
      allow: ['colima status', 'colima start --cpu 4', 'colima list'],
    },
  },
  {
    names: ['multipass'],
    family: 'containers',
    summary: 'Ubuntu virtual machines (Canonical)',
    options: [...flags(['-v', '--verbose']), ...harmless(['-h', '--help'])],
    subcommands: {
      ...aliases(['list', 'ls', 'info', 'find', 'get', 'networks', 'aliases', 'version', 'help'], read('shows instances')),
      exec: write('runs a command in an instance', {
        options: valued(['-d', '--working-directory']),
        unknown: 'block',
        operands: [DATA, { ...COMMAND, rest: true }],
      }),
      ...aliases(
        [
          'launch',
          'start',
          'stop',
          'restart',
          'suspend',
          'recover',
          'mount',
          'umount',
          'unmount',
          'transfer',
          'copy-files',
          'set',
          'shell',
          'sh',
          'alias',
          'unalias',
          'snapshot',
          'restore',
          'clone',
          'authenticate',
        ],
        write('changes instances'),
      ),
      delete: write('moves instances to the trash (recover brings them back)', {
        options: [
          ...flags(['-a', '--all']),
          { names: ['-p', '--purge'], verb: verb('destroy', 'deletes the instances for good, with their disks') },
        ],
      }),
      purge: destroy('deletes every instance in the trash for good, with their disks'),
    },
    examples: {
      block: ['multipass delete --purge dev', 'multipass purge', 'multipass exec dev -- rm -rf ~'],
      allow: ['multipass list', 'multipass launch --name dev', 'multipass exec dev -- uname -a', 'multipass delete dev'],
    },
  },
  {
    names: ['kind'],
    family: 'containers',
    summary: 'Kubernetes clusters in Docker containers',
    options: [...valued(['-v', '--verbosity']), ...flags(['-q', '--quiet']), ...harmless(['-h', '--help'], '--version')],
    subcommands: {
      get: {
        subcommands: {
          ...aliases(['clusters', 'nodes'], read('lists clusters or nodes')),
          kubeconfig: credential("prints the cluster's admin kubeconfig with its client key"),
        },
      },
      create: write('creates a cluster'),
      ...aliases(['load', 'build', 'export'], write('loads images or exports logs and kubeconfigs')),
      delete: { subcommands: { ...aliases(['cluster', 'clusters'], destroy('deletes the cluster with every workload and volume in it')) } },
      version: read('prints the version'),
    },
    examples: {
      block: ['kind delete cluster', 'kind delete clusters --all', 'kind get kubeconfig --name dev'],
      allow: ['kind get clusters', 'kind create cluster --name dev', 'kind load docker-image app:dev'],
    },
  },
  {
    names: ['minikube'],
    family: 'containers',
    summary: 'a local Kubernetes cluster',
    options: [
      ...valued(['-p', '--profile'], '--log_dir', ['-v', '--v'], '--user'),
      ...flags('--alsologtostderr', '--logtostderr', '--rootless', '--skip-audit'),
      ...harmless(['-h', '--help']),
    ],
    subcommands: {
      ...aliases(['status', 'ip', 'version', 'profile', 'logs', 'update-check', 'options', 'completion'], read('shows the cluster')),
      ssh: write('runs a command in the cluster node', {
        options: [...valued(['-n', '--node']), ...flags('--native-ssh')],
        optionsFirst: true,
        operands: [{ kind: 'script', rest: 'joined' }],
      }),
      ...aliases(
        [
          'start',
          'stop',
          'pause',
          'unpause',
          'addons',
          'image',
          'cp',
          'mount',
          'tunnel',
          'service',
          'dashboard',
          'node',
          'config',
          'cache',
          'update-context',
          'docker-env',
          'podman-env',
          'kubectl',
          'license',
          'ssh-key',
          'ssh-host',
        ],
        write('changes the cluster'),
      ),
      delete: destroy('deletes the cluster with every workload and volume in it', { options: flags('--all', '--purge') }),
    },
    examples: {
      block: ['minikube delete', 'minikube delete --all --purge', "minikube ssh 'sudo rm -rf /var/lib'", 'minikube ssh sudo rm -rf /'],
      allow: ['minikube status', 'minikube start --driver=docker', 'minikube ip', 'minikube ssh docker ps'],
    },
  },
  {
    names: ['k3d'],
    family: 'containers',
    summary: 'k3s Kubernetes clusters in Docker',
    options: [...flags('--verbose', '--trace', '--timestamps'), ...harmless(['-h', '--help'], '--version')],
    subcommands: {
      cluster: {
        subcommands: {
          ...aliases(['list', 'ls', 'get'], read('lists clusters')),
          ...aliases(['create', 'start', 'stop', 'edit'], write('creates, starts or stops a cluster')),
          ...aliases(['delete', 'rm'], destroy('deletes the cluster with every workload and volume in it')),
        },
      },
      node: { subcommands: { ...aliases(['list', 'ls', 'get'], read('lists nodes')), '*': write('changes nodes') } },
      registry: {
        subcommands: {
          ...aliases(['list', 'ls', 'get'], read('lists registries')),
          ...aliases(['delete', 'rm'], destroy('deletes a registry with the images in it')),
          '*': write('changes registries'),
        },
      },
      kubeconfig: {
        subcommands: {
          get: credential("prints the cluster's admin kubeconfig with its client key"),
          ...aliases(['merge', 'write'], write('writes the kubeconfig to a file')),
        },
      },
      image: write('imports images into a cluster'),
      ...aliases(['version', 'completion', 'config'], read('shows k3d')),
    },
    examples: {
      block: ['k3d cluster delete dev', 'k3d cluster delete --all', 'k3d kubeconfig get dev'],
      allow: ['k3d cluster list', 'k3d cluster create dev', 'k3d kubeconfig merge dev --kubeconfig-switch-context'],
    },
  },
];
