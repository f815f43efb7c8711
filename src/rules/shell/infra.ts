// Infrastructure pack: destroying deployed infrastructure, clusters' namespaces and volumes,
// buckets, instances and databases in the major cloud CLIs, and container volumes.
import type { ShellIr, SimpleCommand, Word } from '../../core/ir.js';
import { homeOf, protectedKind, resolveTargets } from './paths.js';
import type { ShellRule } from '../rule.js';
import type { OptionSpec } from './options.js';
import { nameOf } from './programs.js';
import { BUCKET_CLIS, bucketDeletes, CLOUD_CLIS, cloudDeletes, subcommand } from './clouds.js';
import { operandWords } from './operands.js';

const words = (ws: Word[]) => ws.map((w) => w.value);

const TERRAFORMS = ['terraform', 'tofu', 'terragrunt', 'tflocal'];
/** The programs terraformDestroys judges (ShellRule.programs). */
const DESTROYERS = [...TERRAFORMS, 'pulumi', 'cdk', 'cdktf', 'serverless', 'sls', 'sam', 'eksctl'];

function terraformDestroys(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  const a = words(cmd.args);
  const pos = operandWords(cmd);
  if (TERRAFORMS.includes(n)) {
    if (pos.includes('destroy') || pos.includes('destroy-all')) return true;
    return (pos.includes('apply') || pos.includes('run-all') || pos.includes('run')) && a.some((x) => /^--?destroy(=true)?$/.test(x));
  }
  if (n === 'pulumi') return pos[0] === 'destroy' || pos[0] === 'down' || (pos[0] === 'stack' && pos[1] === 'rm');
  if (n === 'cdk' || n === 'cdktf') return pos[0] === 'destroy';
  if (n === 'serverless' || n === 'sls') return pos[0] === 'remove';
  if (n === 'sam') return pos[0] === 'delete';
  if (n === 'eksctl') return pos[0] === 'delete' && ['cluster', 'nodegroup'].includes(pos[1] ?? '');
  return false;
}

const BROAD_KINDS =
  /^(namespaces?|ns|projects?|persistentvolumes?|pv|persistentvolumeclaims?|pvc|customresourcedefinitions?|crds?|nodes?|no|clusterroles?|clusterrolebindings?|storageclass(es)?|sc|all)(\.[\w.]+)?$/i;

function kubectlDelete(cmd: SimpleCommand): { broad: boolean } | undefined {
  // `microk8s kubectl …`, `k3s kubectl …`: the IR lists the kubectl command they run, judged here too.
  const inv = cmd.invocation;
  if (!inv || !['kubectl', 'oc'].includes(inv.spec.names[0]!) || inv.undecidable || inv.path[0] !== 'delete') return undefined;
  const given = (...names: string[]) => inv.options.filter((o) => names.includes(o.name));
  const kinds = inv.operands.flatMap((w) => w.value.split('/')[0]!.split(','));
  // A kind computed at run time (`kubectl delete $(kubectl get ns -o name)`) may be namespaces;
  // the cluster's own namespaces hold what every workload needs (DNS, networking).
  const dynamic = inv.operands[0] !== undefined && !inv.operands[0].static;
  const system = given('-n', '--namespace').some((o) => /^kube-(system|public|node-lease)$/.test(o.value?.value ?? ''));
  const broad = given('--all', '-A', '--all-namespaces').length > 0 || kinds.some((k) => BROAD_KINDS.test(k)) || dynamic || system;
  return { broad };
}

const CONTAINER_RUNNERS = ['docker', 'podman', 'nerdctl'];
const COMPOSES = ['docker-compose', 'podman-compose'];

const DOCKER: OptionSpec = { shortValue: 'Hcl', longValue: ['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'] };

function dockerVolumes(cmd: SimpleCommand): boolean {
  const n = nameOf(cmd);
  let ws: Word[];
  if (COMPOSES.includes(n)) ws = cmd.args;
  else if (CONTAINER_RUNNERS.includes(n)) ws = subcommand(cmd, DOCKER);
  else return false;
  const a = words(ws);
  const pos = operandWords(cmd);
  const compose = n.endsWith('-compose') || pos[0] === 'compose';
  if (compose) {
    const i = a.indexOf('down');
    return i >= 0 && a.slice(i + 1).some((x) => x === '--volumes' || /^-[a-zA-Z]*v$/.test(x));
  }
  if (pos[0] === 'system' && pos[1] === 'prune') return a.includes('--volumes');
  // `podman system reset` removes every container, image and volume.
  if (pos[0] === 'system' && pos[1] === 'reset') return true;
  if (pos[0] === 'volume' && pos[1] === 'prune') return true;
  // `docker volume rm $(docker volume ls -q)`, `… | xargs docker volume rm`: every volume there is.
  if (pos[0] === 'volume' && (pos[1] === 'rm' || pos[1] === 'remove'))
    return ws.slice(2).some((w) => !w.static && /\$\(|`/.test(w.raw)) || cmd.wrappers.includes('xargs');
  return false;
}

/** Host folders a container must not get: the root, a home, a top-level or system folder. */
function mountsHostRoot(cmd: SimpleCommand, ir: ShellIr): boolean {
  const n = nameOf(cmd);
  if (!CONTAINER_RUNNERS.includes(n)) return false;
  const ws = subcommand(cmd, DOCKER);
  const verb = ws[0]?.value === 'container' ? ws[1]?.value : ws[0]?.value;
  if (verb !== 'run' && verb !== 'create') return false;
  const sources: string[] = [];
  ws.forEach((w, i) => {
    const v = w.value;
    const next = ws[i + 1]?.value ?? '';
    if (v === '-v' || v === '--volume') sources.push(next.split(':')[0]!);
    else if (/^(-v|--volume=)/.test(v)) sources.push(v.replace(/^(-v|--volume=)/, '').split(':')[0]!);
    const mount = v === '--mount' ? next : v.startsWith('--mount=') ? v.slice(8) : '';
    const src = /(?:^|,)(?:source|src)=([^,]+)/.exec(mount)?.[1];
    if (src) sources.push(src);
  });
  // Only host paths (named volumes have no slash) are judged, resolved like any other path.
  return sources.some(
    (src) =>
      /^[~/$]/.test(src) &&
      resolveTargets({ value: src, static: !/[$`]/.test(src), raw: src }, cmd, ir).some((t) => protectedKind(t, homeOf(ir)) !== null),
  );
}

/** `--dry-run` (cobra: before `--`, true unless `=false`) only simulates: nothing is uninstalled. */
function helmDryRun(cmd: SimpleCommand): boolean {
  const end = cmd.args.findIndex((w) => w.static && w.value === '--');
  return (end < 0 ? cmd.args : cmd.args.slice(0, end)).some((w) => w.static && /^--dry-run(=(?!(false|f|0|none)$).+)?$/i.test(w.value));
}

export const INFRA_RULES: ShellRule[] = [
  {
    id: 'infra.terraform_destroy',
    programs: DESTROYERS,
    risk: 'CRITICAL',
    reason: 'destroys the infrastructure a configuration manages',
    remediation: 'review `terraform plan -destroy` and have a person run the destroy',
    examples: {
      block: [
        'terraform destroy',
        'terraform destroy -auto-approve',
        'terraform -chdir=infra apply -destroy -auto-approve',
        'tofu destroy',
        'terragrunt run-all destroy',
        'pulumi destroy --yes',
        'cdk destroy --force',
      ],
      allow: [
        'terraform plan',
        'terraform plan -destroy',
        'terraform apply -auto-approve',
        'terraform init',
        'pulumi preview',
        'echo terraform destroy',
      ],
    },
    match: terraformDestroys,
  },
  {
    id: 'infra.kubernetes_delete_broad',
    risk: 'CRITICAL',
    reason: 'deletes a Kubernetes namespace, persistent volumes, CRDs, nodes, or everything of a kind',
    remediation: 'delete the specific resource by name in the specific namespace, after checking with kubectl get',
    examples: {
      block: [
        'kubectl delete namespace prod',
        'kubectl delete ns staging',
        'kubectl delete pods --all -n prod',
        'kubectl delete all --all',
        'kubectl -n prod delete pvc data-db-0',
        'kubectl delete deploy -A --all',
        'kubectl --context prod delete namespace/payments',
        'oc delete project demo',
        'kubectl delete crd certificates.cert-manager.io',
        'kubectl delete $(kubectl get ns -o name)',
        'kubectl -n kube-system delete deploy coredns',
      ],
      allow: [
        'kubectl get pods',
        'kubectl delete pod web-5d9c -n dev',
        'kubectl delete pod "$POD" -n dev',
        'kubectl describe ns prod',
        'kubectl delete -f job.yaml',
        'kubectl logs -n prod deploy/web',
      ],
    },
    match: (cmd) => kubectlDelete(cmd)?.broad === true,
  },
  {
    id: 'infra.helm_uninstall',
    programs: ['helm'],
    risk: 'HIGH',
    reason: 'uninstalls a Helm release and the resources it created',
    remediation: 'ask a person to uninstall releases; roll back with helm rollback instead',
    examples: {
      block: ['helm uninstall web', 'helm delete web --purge', 'helm -n prod uninstall api', 'helm un db --namespace data'],
      allow: ['helm list', 'helm upgrade --install web ./chart', 'helm rollback web 3', 'helm status web', 'helm uninstall web --dry-run'],
    },
    match(cmd) {
      if (nameOf(cmd) !== 'helm') return false;
      const sub = words(
        subcommand(cmd, {
          shortValue: 'n',
          longValue: [
            'namespace',
            'kube-context',
            'kubeconfig',
            'registry-config',
            'repository-cache',
            'repository-config',
            'burst-limit',
            'kube-apiserver',
            'kube-as-user',
            'kube-token',
            'kube-ca-file',
          ],
        }),
      )[0];
      return ['uninstall', 'delete', 'del', 'un'].includes(sub ?? '') && !helmDryRun(cmd);
    },
  },
  {
    id: 'infra.bucket_delete',
    programs: BUCKET_CLIS,
    risk: 'CRITICAL',
    reason: 'deletes a storage bucket or everything in it',
    remediation: 'delete the specific objects you mean; have a person delete buckets (and keep versioning on)',
    examples: {
      block: [
        'aws s3 rm s3://prod-data --recursive',
        'aws s3 rb s3://prod-data --force',
        'aws --profile prod s3 rm --recursive s3://x/',
        'gsutil -m rm -r gs://bucket',
        'gsutil rb gs://bucket',
        'gcloud storage rm --recursive gs://b/*',
        'gsutil -m rm gs://bucket/**',
        'gcloud storage rm gs://b/*',
        'az storage container delete --name data',
        'rclone purge remote:bucket',
        'aws s3api delete-bucket --bucket x',
      ],
      allow: [
        'aws s3 ls s3://prod-data',
        'aws s3 cp file.txt s3://b/',
        'aws s3 rm s3://b/tmp/file.txt',
        'gsutil ls gs://b',
        'aws s3 sync ./dist s3://site --delete',
        'rclone copy a remote:b',
        'gsutil rm gs://b/logs/*.gz',
      ],
    },
    match: bucketDeletes,
  },
  {
    id: 'infra.cloud_resource_delete',
    programs: CLOUD_CLIS,
    risk: 'CRITICAL',
    reason: 'deletes or terminates cloud instances, databases, clusters or whole projects',
    remediation: 'have a person delete cloud resources; enable deletion protection',
    examples: {
      block: [
        'aws ec2 terminate-instances --instance-ids i-123',
        'aws rds delete-db-instance --db-instance-identifier prod',
        'aws dynamodb delete-table --table-name users',
        'aws cloudformation delete-stack --stack-name app',
        'gcloud compute instances delete web-1 --quiet',
        'gcloud sql instances delete prod-db',
        'gcloud projects delete my-proj',
        'az group delete -n rg-prod --yes',
        'az vm delete -g rg -n vm1',
        'doctl compute droplet delete web',
        'heroku apps:destroy --app x --confirm x',
        'gh repo delete org/repo --yes',
        'aws kms schedule-key-deletion --key-id k',
      ],
      allow: [
        'aws ec2 describe-instances',
        'aws rds describe-db-instances',
        'aws sqs delete-message --queue-url q --receipt-handle r',
        'gcloud compute instances list',
        'az vm list',
        'aws ec2 delete-tags --resources i-1 --tags Key=x',
        'gh repo view',
      ],
    },
    match: cloudDeletes,
  },
  {
    id: 'infra.container_volume_delete',
    programs: [...COMPOSES, ...CONTAINER_RUNNERS],
    risk: 'HIGH',
    reason: 'deletes container volumes, where databases and other state live',
    remediation: 'remove the specific volume by name after a backup; `docker compose down` without -v keeps volumes',
    examples: {
      block: [
        'docker system prune -a --volumes',
        'docker system prune --volumes -f',
        'docker volume prune -f',
        'docker volume rm $(docker volume ls -q)',
        'docker compose down -v',
        'docker-compose down --volumes',
        'podman volume prune',
        'podman system reset -f',
        'docker volume ls -q | xargs docker volume rm',
      ],
      allow: [
        'docker compose down',
        'docker system prune',
        'docker volume ls',
        'docker ps -a',
        'docker volume rm old_cache',
        'docker compose up -d',
      ],
    },
    match: dockerVolumes,
  },
  {
    id: 'infra.container_host_root',
    programs: CONTAINER_RUNNERS,
    risk: 'HIGH',
    reason: "starts a container with the host's root or system folders mounted into it: whatever runs inside can change or delete the host",
    remediation: 'mount only the project folder (-v "$PWD":/src); never / or system folders',
    examples: {
      block: [
        'docker run --rm -v /:/host alpine rm -rf /host',
        'docker run -it --privileged -v /:/mnt ubuntu chroot /mnt',
        'podman run --volume=/etc:/x alpine sh',
        'docker run --mount type=bind,source=/,target=/h alpine',
        'docker run -v ~:/h alpine',
      ],
      allow: [
        'docker run --rm -v "$PWD":/app -w /app node:20 npm test',
        'docker run -v ./data:/data postgres',
        'docker run -v /tmp/x:/x alpine ls',
        'docker run -v /opt/myapp/data:/data postgres',
        'docker run --rm -it alpine sh',
      ],
    },
    match: mountsHostRoot,
  },
  {
    id: 'infra.kubectl_delete',
    risk: 'MEDIUM',
    reason: 'deletes Kubernetes resources',
    remediation: 'a stricter policy does not let agents delete cluster resources; ask a person',
    examples: {
      block: ['kubectl delete pod web-1', 'kubectl delete -f job.yaml'],
      allow: ['kubectl get pods', 'kubectl apply -f x.yaml'],
    },
    match: (cmd) => kubectlDelete(cmd) !== undefined,
  },
  {
    id: 'infra.change',
    programs: ['terraform', 'tofu', 'terragrunt', 'kubectl', 'oc', 'helm', 'pulumi', 'cdk', 'serverless', 'sls', 'docker', 'podman'],
    risk: 'MEDIUM',
    reason: 'changes deployed infrastructure (apply, deploy, scale, restart, container cleanup)',
    remediation: 'a stricter policy does not let agents change infrastructure; open a change for review',
    examples: {
      block: [
        'terraform apply -auto-approve',
        'kubectl apply -f deploy.yaml',
        'kubectl scale deploy web --replicas=0',
        'helm upgrade --install web ./chart',
        'pulumi up --yes',
        'docker system prune -af',
        'kubectl rollout restart deploy/web',
      ],
      allow: ['terraform plan', 'kubectl get deploy', 'helm template ./chart', 'docker ps'],
    },
    match(cmd) {
      const n = nameOf(cmd);
      const pos = operandWords(cmd);
      if (['terraform', 'tofu', 'terragrunt'].includes(n))
        return pos.some((x) => ['apply', 'import', 'taint', 'untaint', 'state'].includes(x));
      if (['kubectl', 'oc'].includes(n)) {
        const verb = pos[0];
        return [
          'apply',
          'create',
          'replace',
          'patch',
          'scale',
          'rollout',
          'set',
          'edit',
          'label',
          'annotate',
          'drain',
          'cordon',
          'taint',
          'autoscale',
          'expose',
          'run',
        ].includes(verb ?? '');
      }
      if (n === 'helm') return ['install', 'upgrade', 'rollback'].some((v) => pos.includes(v));
      if (n === 'pulumi') return pos[0] === 'up' || pos[0] === 'update';
      if (n === 'cdk' || n === 'serverless' || n === 'sls') return pos[0] === 'deploy';
      if (['docker', 'podman'].includes(n)) return pos.includes('prune') || (pos[0] === 'rm' && cmd.args.some((w) => !w.static));
      return false;
    },
  },
];
