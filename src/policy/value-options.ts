// Options that take the next word as their value, so a role finds the subcommand behind global
// options (`git -C dir log`, `kubectl -n ns get`) and tells option values from operands. A program
// the catalogue knows is read with its spec's grammar (src/catalogue/specs), at every level its words
// choose (`docker build -t` takes a value, `docker run -t` does not); the list below is for the
// programs it does not know. Only options that really take a value belong here: an option wrongly
// listed would hide the real subcommand; an option missing only makes a rule refuse (its value is
// then read as the subcommand).
import type { Word } from '../core/ir.js';
import type { CommandSpec } from '../catalogue/spec.js';
import { specFor } from '../catalogue/index.js';
import { readInvocation, subcommandFor } from '../catalogue/read.js';

export const VALUE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  git: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env'],
  kubectl: [
    '-n',
    '--namespace',
    '--context',
    '--cluster',
    '--kubeconfig',
    '-s',
    '--server',
    '--user',
    '--token',
    '--as',
    '--as-group',
    '--request-timeout',
    '-l',
    '--selector',
    '-o',
    '--output',
    '-c',
    '--container',
    '--tail',
    '--since',
    '--since-time',
    '--field-selector',
    '--sort-by',
    '-L',
    '--label-columns',
    '-f',
    '--filename',
    '--template',
    '--chunk-size',
    '--cache-dir',
    '--certificate-authority',
    '--client-certificate',
    '--client-key',
    '--tls-server-name',
    '-v',
    '--v',
  ],
  helm: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-o', '--output', '--revision', '--max'],
  docker: [
    '-H',
    '--host',
    '--context',
    '--config',
    '-l',
    '--log-level',
    '-t',
    '--tag',
    '-f',
    '--file',
    '--build-arg',
    '--platform',
    '--target',
    '--network',
    '--label',
    '--format',
    '--filter',
    '--progress',
    '--cache-from',
    '--secret',
    '--ssh',
  ],
  terraform: ['-chdir', '-var', '-var-file', '-target', '-out', '-lock-timeout', '-parallelism', '-state', '-replace'],
  aws: [
    '--profile',
    '--region',
    '--output',
    '--endpoint-url',
    '--query',
    '--cli-read-timeout',
    '--cli-connect-timeout',
    '--ca-bundle',
    '--color',
    '--filters',
    '--max-items',
    '--page-size',
    '--starting-token',
    '--instance-ids',
    '--cluster',
    '--exclude',
    '--include',
    '--storage-class',
    '--acl',
    '--sse',
    '--content-type',
    '--cache-control',
    '--expires',
  ],
  gcloud: [
    '--project',
    '--format',
    '--zone',
    '--region',
    '--account',
    '--configuration',
    '--filter',
    '--limit',
    '--sort-by',
    '--verbosity',
    '--impersonate-service-account',
  ],
  gsutil: ['-o', '-h', '-u', '-p'],
  az: ['--subscription', '-g', '--resource-group', '-n', '--name', '-o', '--output', '--query'],
  curl: [
    '-H',
    '--header',
    '-A',
    '--user-agent',
    '-m',
    '--max-time',
    '--connect-timeout',
    '--retry',
    '-e',
    '--referer',
    '--retry-delay',
    '--retry-max-time',
    '-x',
    '--proxy',
    '--resolve',
    '--cacert',
  ],
  python: ['-m', '-W', '-X'],
  python3: ['-m', '-W', '-X'],
  node: ['-r', '--require', '--import', '--loader', '--max-old-space-size'],
  npm: ['--prefix', '-w', '--workspace', '--loglevel'],
  pnpm: ['-C', '--dir', '--filter', '-F'],
  yarn: ['--cwd'],
  make: ['-C', '--directory', '-f', '--file', '-j', '--jobs', '-l', '--load-average', '-o', '-W'],
  grep: ['-e', '--regexp', '-A', '-B', '-C', '-m', '--max-count', '--include', '--exclude', '--exclude-dir', '--color', '--colour'],
  rg: ['-e', '--regexp', '-g', '--glob', '-t', '--type', '-T', '--type-not', '-A', '-B', '-C', '-m', '--max-count', '-M', '--color'],
  head: ['-n', '--lines', '-c', '--bytes'],
  tail: ['-n', '--lines', '-c', '--bytes', '--pid', '-s', '--sleep-interval'],
  find: [
    '-name',
    '-iname',
    '-path',
    '-ipath',
    '-type',
    '-maxdepth',
    '-mindepth',
    '-mtime',
    '-mmin',
    '-size',
    '-user',
    '-group',
    '-newer',
    '-perm',
    '-regex',
    '-iregex',
    '-wholename',
    '-printf',
  ],
  journalctl: ['-u', '--unit', '-n', '--lines', '--since', '--until', '-p', '--priority', '-b', '--boot', '-o', '--output', '-t'],
  ps: ['-o', '-p', '-u', '-U', '-C', '--sort'],
  psql: ['-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-c', '--command', '-v', '--set', '-P', '--pset'],
  mysql: ['-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-e', '--execute'],
  sqlite3: ['-cmd', '-separator'],
};

/**
 * The spellings of the options of `command` that take the next word: from its catalogue spec when it
 * has one (the program's options and those of the subcommands `args` choose), else from the list
 * above; a role rule may add its own (`extra`).
 */
export function valueOptionsFor(command: string, extra: readonly string[] = [], args: readonly Word[] = []): ReadonlySet<string> {
  const spec = specFor(command);
  const known = spec ? specValueOptions(spec, readInvocation(spec, args).path) : (VALUE_OPTIONS[command] ?? []);
  return new Set([...known, ...extra]);
}

/** Options with a required value on the levels of `path`, the program's own first. */
function specValueOptions(spec: CommandSpec, path: readonly string[]): string[] {
  const out: string[] = [];
  let level: CommandSpec | undefined = spec;
  for (let depth = 0; level; depth++) {
    for (const o of level.options ?? []) if (o.value === 'required') out.push(...o.names);
    const name = path[depth];
    level = name === undefined ? undefined : subcommandFor(level, name);
  }
  return out;
}
