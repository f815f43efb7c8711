// Cloud CLIs that delete what cannot be recovered: instances, databases, clusters, projects,
// buckets and their contents (aws, gcloud, gsutil, az, doctl, heroku, fly, gh, rclone, mc, bq, …).
import type { SimpleCommand, Word } from '../../core/ir.js';
import { parseOptions, type OptionSpec } from './options.js';
import { nameOf } from './programs.js';
import { catalogueOperands, operandWords } from './operands.js';

/** The subcommand words of a CLI after its global options: `[sub, ...rest]` (rest unparsed). */
export function subcommand(cmd: SimpleCommand, spec: OptionSpec): Word[] {
  return parseOptions(cmd.args, { ...spec, stopAtOperand: true }).operands;
}

const words = (ws: Word[]) => ws.map((w) => w.value);

const AWS_DESTRUCTIVE_OP = /^(delete|terminate|remove|deregister|destroy|purge|reset)-/;
const AWS_RESOURCE =
  /(instance|cluster|db|database|table|bucket|volume|snapshot|stack|repository|file-system|hosted-zone|vpc|domain|replication-group|cache|keyspace|stream|queue|secret|backup|vault|environment|application|graph|global-table|registry|namespace|workgroup|data-catalog|log-group|user-pool|identity-pool|function|service|key|certificate-authority|directory|warehouse|index|collection)/;

/** The programs cloudDeletes judges (ShellRule.programs). */
export const CLOUD_CLIS: readonly string[] = [
  'aws',
  'gcloud',
  'az',
  'doctl',
  'heroku',
  'fly',
  'flyctl',
  'gh',
  'hcloud',
  'openstack',
  'linode-cli',
  'vultr-cli',
  'scw',
  'exoscale',
  'civo',
  'upcloud',
  'firebase',
  'vercel',
  'netlify',
];

export function cloudDeletes(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  const pos = operandWords(cmd);
  if (n === 'aws') {
    const [svc, op] =
      catalogueOperands(cmd) ??
      words(
        subcommand(cmd, {
          longValue: [
            'profile',
            'region',
            'output',
            'endpoint-url',
            'query',
            'cli-read-timeout',
            'cli-connect-timeout',
            'ca-bundle',
            'color',
          ],
        }),
      ).filter((x) => !x.startsWith('-'));
    if (!svc || !op) return false;
    if (svc === 'kms' && op === 'schedule-key-deletion') return true;
    if (svc === 's3api' && op === 'delete-bucket') return true;
    return (
      svc !== 's3' &&
      AWS_DESTRUCTIVE_OP.test(op) &&
      AWS_RESOURCE.test(op.replace(AWS_DESTRUCTIVE_OP, '')) &&
      !/-(tags?|policy|attributes?|alarm|message|object)s?$/.test(op)
    );
  }
  if (n === 'gcloud') {
    const i = pos.indexOf('delete');
    if (i < 0) return false;
    const groups = pos.slice(0, i);
    return groups.some((g) =>
      /^(instances|databases|clusters|projects|buckets|disks|snapshots|backups|volumes|tables|datasets|repositories|services|node-pools|instance-groups|topics|subscriptions|keys|keyrings|functions|secrets|images|networks|sql|spanner|bigtable|redis|filestore|firestore|alloydb|memcache)$/.test(
        g,
      ),
    );
  }
  if (n === 'az') {
    const i = pos.indexOf('delete');
    if (i < 0 || pos.includes('lock')) return false;
    return pos
      .slice(0, i)
      .some((g) =>
        /^(vm|vmss|group|sql|db|server|storage|account|aks|cosmosdb|postgres|mysql|mariadb|redis|disk|snapshot|keyvault|flexible-server|webapp|functionapp|container|acr|cognitiveservices|synapse|databricks|network|vnet)$/.test(
          g,
        ),
      );
  }
  if (n === 'doctl')
    return pos.includes('delete') && pos.some((g) => /^(droplet|databases?|volume|kubernetes|cluster|app|registry|spaces?)$/.test(g));
  if (n === 'heroku') return pos.some((x) => /^(apps:destroy|destroy|pg:reset|pg:kill|addons:destroy|apps:delete)$/.test(x));
  if (n === 'fly' || n === 'flyctl')
    return pos.includes('destroy') || (pos[0] === 'volumes' && ['destroy', 'delete'].includes(pos[1] ?? ''));
  if (n === 'gh') return pos[0] === 'repo' && pos[1] === 'delete';
  if (['hcloud', 'openstack', 'linode-cli', 'vultr-cli', 'scw', 'exoscale', 'civo', 'upcloud'].includes(n))
    return pos.some((x) => ['delete', 'destroy', 'rm'].includes(x));
  if (n === 'firebase') return pos.some((x) => /^(firestore:delete|database:remove|projects:delete|hosting:disable)$/.test(x));
  if (n === 'vercel' || n === 'netlify') return pos.some((x) => /^(remove|rm|sites:delete)$/.test(x));
  return false;
}

/** The programs bucketDeletes judges (ShellRule.programs). */
export const BUCKET_CLIS: readonly string[] = ['aws', 'gsutil', 'gcloud', 'az', 'rclone', 'mc', 'bq'];

export function bucketDeletes(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  const a = words(cmd.args);
  const pos = operandWords(cmd);
  const flag = (re: RegExp) => a.some((x) => re.test(x));
  // `gs://b/**` (or `gs://b/*`) names every object in the bucket: as broad as `rm -r gs://b`.
  const wholeBucket = pos.some((x) => /^gs:\/\/[^/]+\/\*{1,2}$/.test(x));
  if (n === 'aws') {
    const i = pos.indexOf('s3');
    if (i < 0) return pos.includes('s3api') && pos.includes('delete-bucket');
    const op = pos[i + 1];
    return (op === 'rm' && flag(/^--recursive$/)) || (op === 'rb' && flag(/^--force$/));
  }
  if (n === 'gsutil') {
    const i = pos.findIndex((x) => x === 'rm' || x === 'rb');
    if (i < 0) return false;
    return pos[i] === 'rb' || wholeBucket || a.slice(a.indexOf(pos[i]!)).some((x) => /^-[a-zA-Z]*[rRa]/.test(x));
  }
  // `gcloud alpha storage …`, `gcloud beta storage …`: the release track is not a group.
  if (n === 'gcloud' && /^(alpha|beta|preview)$/.test(pos[0] ?? '')) pos.shift();
  if (n === 'gcloud' && pos[0] === 'storage')
    return (
      (pos[1] === 'rm' && wholeBucket) ||
      (pos[1] === 'rm' && flag(/^(-[a-zA-Z]*[rR]|--recursive|--all-versions)$/)) ||
      (pos[1] === 'buckets' && pos[2] === 'delete') ||
      pos[1] === 'rb'
    );
  if (n === 'az' && pos[0] === 'storage')
    return (
      ((pos.includes('container') || pos.includes('account') || pos.includes('share')) && pos.includes('delete')) ||
      pos.includes('delete-batch')
    );
  if (n === 'rclone') return ['purge', 'delete', 'rmdirs'].includes(pos[0] ?? '');
  if (n === 'mc') return (pos[0] === 'rb' && flag(/^--force$/)) || (pos[0] === 'rm' && flag(/^(-r|--recursive)$/) && flag(/^--force$/));
  if (n === 'bq') return pos[0] === 'rm' && flag(/^-[a-zA-Z]*r|^--recursive/);
  return false;
}
