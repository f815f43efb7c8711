// Family: kubernetes — kubectl/oc beyond what their analysis and rules already judge (exec is read
// by the remote analysis; delete, secrets and raw kubeconfigs by the infra and secrets rules), and
// the tools around clusters: helm, helmfile, kustomize, argocd, flux, eksctl, kops, kubeadm, k3s,
// microk8s, talosctl, skaffold, tilt, istioctl, vcluster, kubeseal, kubelogin and the context
// switchers and viewers (kubectx, kubens, k9s, stern).
import type { CommandSpec, OptionDecl, ProgramSpec } from '../spec.js';
import { COMPUTED, aliases, dryRun, credential, destroy, flags, harmless, privilege, read, valued, verb, write } from './infra-helpers.js';

const COMMAND = { kind: 'command' } as const;
const DATA = { kind: 'data' } as const;


const KUBECTL_GLOBALS: OptionDecl[] = [
  ...valued(['-n', '--namespace'], '--context', '--cluster', '--user', '--kubeconfig', ['-s', '--server'], '--token', '--as', '--as-group', '--as-uid', '--request-timeout',
    '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--cache-dir', '--log-file', '--log-file-max-size', ['-v', '--v'], '--vmodule', '--log-dir',
    '--profile', '--profile-output', '--password', '--username', '--kuberc'),
  ...flags('--insecure-skip-tls-verify', '--match-server-version', '--warnings-as-errors', '--disable-compression', '--skip-headers', '--logtostderr', '--alsologtostderr'),
  // Options many commands share, so their values are read as values wherever they come.
  ...valued(['-f', '--filename'], ['-k', '--kustomize'], ['-l', '--selector'], ['-o', '--output'], ['-c', '--container'], ['-L', '--label-columns'], '--field-selector', '--replicas',
    '--grace-period', '--timeout', '--image', '--overrides', '--type', '--from-literal', '--from-file', '--from-env-file', '--clusterrole', '--role', '--serviceaccount', '--group',
    '--port', '--address', '--accept-hosts', '--accept-paths', '--reject-paths', '--prune-allowlist', '--prune-whitelist', '--field-manager', '--sort-by', '--template', '--since',
    '--since-time', '--tail', '--patch-file', '--duration', '--audience', '--bound-object-kind', '--bound-object-name', '--bound-object-uid', '--current-replicas', '--resource-version',
    '--min', '--max', '--cpu-percent', '--name', '--target-port', '--protocol', '--external-ip', '--to-revision', '--revision', '--chunk-size', '--raw', '--for', '--subresource',
    '--pod-running-timeout', '--restart', '--pod-selector', '--env', '--target', '--copy-to', '--attach', '--limits', '--requests', '--labels', '--annotations', '--schedule',
    '--image-pull-policy', '--session-affinity', '--load-balancer-ip', '--cluster-ip', '--local-port', '--output-watch-events', '--server-print', '--max-log-requests', '--prefix',
    '--resource', '--verb', '--non-resource-url', '--cascade', '--validate', '--show-managed-fields'),
  ...flags('--all', ['-A', '--all-namespaces'], '--force', '--now', '--wait', '--ignore-not-found', ['-R', '--recursive'], '--overwrite', '--record', '--server-side', '--force-conflicts',
    ['-i', '--stdin'], ['-t', '--tty'], ['-w', '--watch'], '--watch-only', '--rm', ['-q', '--quiet'], '--show-labels', '--no-headers', '--show-kind', '--local', '--ignore-daemonsets',
    '--previous', '--timestamps', '--ignore-errors', '--keep-annotations', '--leave-stdin-open', '--share-processes', '--same-node'),
  dryRun(),
  ...harmless(['-h', '--help']),
];

/** `delete -k DIR`, `delete -f DIR/` or a URL, `-R`: every resource of an application at once. */
const DELETE_WHOLE_APPLICATIONS: CommandSpec = {
  when: [
    { options: [{ name: '--kustomize' }], verb: verb('destroy', 'deletes every resource the kustomization builds: the whole application, its volumes claims included') },
    { options: [{ name: '--filename', value: '/$|^https?://|^\\.$' }], verb: verb('destroy', 'deletes every resource in the folder or remote manifest: the whole application, its volume claims included') },
    { options: [{ name: '--filename', value: '^-$' }], verb: verb('destroy', 'deletes every resource in the manifests read from stdin (a whole built application)') },
    { options: [{ name: '--filename' }, { name: '--recursive' }], verb: verb('destroy', 'deletes every resource in the folder tree of manifests') },
  ],
};

const KUBECTL_COMMANDS: Record<string, CommandSpec> = {
  ...aliases(['get', 'describe', 'logs', 'log', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'diff', 'events', 'wait', 'completion', 'options', 'kustomize', 'alpha', 'plugin'],
    read('shows cluster resources')),
  // delete itself is judged by the infra rules (namespaces, volumes, --all); these are the application-wide forms.
  delete: DELETE_WHOLE_APPLICATIONS,
  apply: write('creates or updates resources from manifests', {
    options: [{ names: ['--prune'], verb: verb('destroy', 'deletes every resource matching the selector that the manifests no longer list') }],
    subcommands: { ...aliases(['view-last-applied'], read('shows the last applied configuration')), ...aliases(['set-last-applied', 'edit-last-applied'], write('changes the last applied configuration')) },
  }),
  create: write('creates resources', {
    subcommands: {
      ...aliases(['clusterrolebinding', 'rolebinding'], privilege('binds a role to a user, group or service account: grants it those permissions')),
      token: credential('prints a new bearer token for the service account'),
    },
  }),
  replace: write('replaces resources from manifests', { options: [{ names: ['--force'], verb: verb('destroy', 'deletes the resources and creates them again: pods restart and data in volumes they own may go with them') }] }),
  scale: write('changes the number of replicas', {
    when: [
      { options: [{ name: '--replicas', value: '^0+$' }, { name: '--all' }], verb: verb('destroy', 'scales every workload of the kind to zero: the whole namespace stops serving') },
      { options: [{ name: '--replicas', value: '^0+$' }], operand: COMPUTED, verb: verb('destroy', 'scales every workload a substitution lists to zero') },
    ],
  }),
  taint: write('taints nodes', {
    when: [{ options: [{ name: '--all' }], operand: ':NoExecute$', verb: verb('destroy', 'taints every node NoExecute: every pod without a toleration is evicted from the cluster') }],
  }),
  drain: write('evicts the pods of a node and cordons it', {
    options: [
      { names: ['--delete-emptydir-data', '--delete-local-data'], verb: verb('destroy', "deletes the pods' emptyDir data on the node") },
      { names: ['--disable-eviction'], verb: verb('destroy', 'deletes pods past their disruption budgets') },
    ],
    when: [{ options: [{ name: '--force' }], verb: verb('destroy', 'deletes pods that no controller will recreate') }],
  }),
  proxy: write('serves the cluster API on a local port with your credentials', {
    when: [
      { options: [{ name: '--address', value: '^(?!(127\\.\\d+\\.\\d+\\.\\d+|localhost|::1|\\[::1\\])$)' }], verb: verb('privilege', 'serves the cluster API with your credentials to other machines') },
      { options: [{ name: '--accept-hosts', value: '^\\.\\*$|^\\^?\\.\\*\\$?$' }], verb: verb('privilege', 'serves the cluster API with your credentials to any host') },
    ],
  }),
  debug: write('starts a debugging container', {
    options: [{ names: ['--profile'], value: 'required' }],
    when: [
      { operand: '^nodes?/', verb: verb('privilege', "starts a pod in the node's namespaces with the host filesystem mounted: root on the node") },
      { options: [{ name: '--profile', value: '^sysadmin$' }], verb: verb('privilege', 'starts a privileged debugging container') },
    ],
  }),
  certificate: { subcommands: { approve: privilege('approves a certificate request: its holder gets a client certificate for the cluster'), deny: write('denies a certificate request') } },
  auth: { subcommands: { ...aliases(['can-i', 'whoami'], read('checks access')), reconcile: privilege('creates or extends RBAC roles and bindings from manifests') } },
  config: {
    subcommands: {
      ...aliases(['view', 'current-context', 'get-contexts', 'get-clusters', 'get-users'], read('shows the kubeconfig')),
      ...aliases(['use-context', 'use', 'set-context', 'set-cluster', 'set-credentials', 'set', 'unset', 'delete-context', 'delete-cluster', 'delete-user', 'rename-context'], write('changes the kubeconfig')),
    },
  },
  rollout: { subcommands: { ...aliases(['status', 'history'], read('shows a rollout')), '*': write('restarts, pauses, resumes or undoes a rollout') } },
  'oidc-login': { subcommands: { 'get-token': credential('prints an OIDC token for the cluster'), '*': write('sets up an OIDC login') } },
  krew: { subcommands: { ...aliases(['list', 'info', 'search', 'version'], read('shows plugins')), '*': write('installs or removes kubectl plugins') } },
  patch: write('patches resources', { options: valued(['-p', '--patch']) }),
  ...aliases(['edit', 'label', 'annotate', 'autoscale', 'set', 'expose', 'run', 'cordon', 'uncordon', 'cp', 'port-forward', 'attach', 'exec'], write('changes cluster resources')),
};

const KUBECTL_EXAMPLES_ALLOW = ['kubectl get pods -A', 'kubectl describe deploy web -n prod', 'kubectl logs -f deploy/web', 'kubectl apply -f k8s/', 'kubectl scale deploy web --replicas=0',
  'kubectl drain node-1 --ignore-daemonsets', 'kubectl taint nodes --all node-role.kubernetes.io/control-plane-', 'kubectl rollout undo deploy/web', 'kubectl port-forward svc/web 8080:80',
  'kubectl proxy --port 8001', 'kubectl delete -f job.yaml', 'kubectl apply --prune --dry-run=client -l app=web -f k8s/', 'kubectl create deployment web --image=nginx', 'kubectl auth can-i list pods'];

/** oc: kubectl's commands and OpenShift's own. */
const OC_COMMANDS: Record<string, CommandSpec> = {
  ...KUBECTL_COMMANDS,
  whoami: read('shows the logged-in user', {
    options: [{ names: ['-t', '--show-token'], verb: verb('credential', "prints the session's bearer token") }, ...flags('--show-server', '--show-context', '--show-console')],
  }),
  extract: credential('writes or prints the data of secrets and config maps in the clear'),
  ...aliases(['serviceaccounts', 'sa'], { subcommands: { ...aliases(['get-token', 'new-token', 'create-kubeconfig'], credential('prints a token or kubeconfig for the service account')) } }),
  policy: { subcommands: { ...aliases(['who-can', 'scc-subject-review', 'scc-review'], read('checks access')), 'add-*': privilege('grants a role or security context to a user or group'), 'remove-*': write('removes a role from a user or group') } },
  adm: {
    subcommands: {
      policy: { subcommands: { ...aliases(['who-can'], read('checks access')), 'add-*': privilege('grants a cluster role or security context constraint to a user or group'), '*': write('changes cluster policy') } },
      ...aliases(['cordon', 'uncordon'], write('cordons or uncordons nodes')),
      drain: KUBECTL_COMMANDS.drain!,
      taint: KUBECTL_COMMANDS.taint!,
      certificate: KUBECTL_COMMANDS.certificate!,
      ...aliases(['node-logs', 'top', 'inspect', 'release', 'must-gather', 'catalog'], read('shows the cluster')),
      prune: write('removes old builds, deployments and images'),
      '*': write('administers the cluster'),
    },
  },
  ...aliases(['login', 'logout', 'project', 'new-project', 'new-app', 'new-build', 'start-build', 'cancel-build', 'rsh', 'rsync', 'import-image', 'tag', 'process', 'registry', 'idle', 'image'], write('changes the project')),
  ...aliases(['projects', 'status', 'observe', 'explain'], read('shows projects')),
};

const HELM_GLOBALS: OptionDecl[] = [
  ...valued(['-n', '--namespace'], '--kube-context', '--kubeconfig', '--registry-config', '--repository-cache', '--repository-config', '--burst-limit', '--qps', '--kube-apiserver',
    '--kube-as-user', '--kube-as-group', '--kube-token', '--kube-ca-file', '--kube-tls-server-name'),
  ...flags('--debug', '--kube-insecure-skip-tls-verify'),
  // Values of install/upgrade/template/rollback.
  ...valued(['-f', '--values'], '--set', '--set-string', '--set-file', '--set-json', '--set-literal', '--version', '--timeout', '--repo', '--username', '--password', '--ca-file', '--cert-file',
    '--key-file', '--keyring', '--description', '--name-template', ['-o', '--output'], '--history-max', '--kube-version', ['-a', '--api-versions'], ['-l', '--labels'], '--max', '--revision',
    '--post-renderer-args', '--cascade', '--wait-retries', ['-s', '--show-only']),
  { names: ['--post-renderer'], value: 'required', role: { kind: 'script-file' } },
  ...flags('--install', '--atomic', '--wait', '--wait-for-jobs', '--create-namespace', '--dependency-update', '--devel', '--reuse-values', '--reset-values', '--reset-then-reuse-values',
    '--cleanup-on-fail', '--skip-crds', '--no-hooks', '--keep-history', '--all', ['-A', '--all-namespaces'], ['-g', '--generate-name'], '--skip-tests', '--take-ownership', '--hide-secret'),
  dryRun(),
  ...harmless(['-h', '--help']),
];

const FORCE_REPLACES = { names: ['--force'], verb: verb('destroy', 'replaces resources by deleting and creating them again: pods restart, and data in volumes they own may go with them') };

const HELM_COMMANDS: Record<string, CommandSpec> = {
  ...aliases(['list', 'ls', 'status', 'history', 'hist', 'get', 'show', 'inspect', 'template', 'lint', 'search', 'verify', 'env', 'version', 'diff'], read('shows releases or charts')),
  install: write('installs a chart as a release'),
  upgrade: write('upgrades a release', { options: [FORCE_REPLACES] }),
  rollback: write('rolls a release back to an earlier revision', { options: [FORCE_REPLACES] }),
  ...aliases(['uninstall', 'delete', 'del', 'un'], destroy('uninstalls the release and deletes every resource it created')),
  repo: { subcommands: { ...aliases(['list', 'ls'], read('lists chart repositories')), '*': write('changes chart repositories') } },
  dependency: { subcommands: { ...aliases(['list', 'ls'], read('lists dependencies')), '*': write('downloads dependencies') } },
  ...aliases(['pull', 'fetch', 'package', 'push', 'create', 'test', 'registry', 'plugin'], write('downloads, packages or pushes charts, or runs release tests')),
};

export const KUBERNETES: ProgramSpec[] = [
  {
    names: ['kubectl'],
    family: 'kubernetes',
    summary: 'Kubernetes CLI (exec, delete, secrets and raw kubeconfigs are judged by their own analysis and rules)',
    options: KUBECTL_GLOBALS,
    subcommands: KUBECTL_COMMANDS,
    examples: {
      block: ['kubectl scale deploy --all --replicas=0 -n prod', 'kubectl delete -k overlays/prod', 'kubectl delete -f k8s/', 'kubectl delete -R -f manifests', 'kubectl taint nodes --all dedicated=x:NoExecute',
        'kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data', 'kubectl drain node-1 --force', 'kubectl apply --prune -l app=web -f k8s/', 'kubectl apply --prune --dry-run=none -l app=web -f k8s/', 'kubectl replace --force -f pvc.yaml',
        'kubectl create clusterrolebinding me-admin --clusterrole=cluster-admin --user=me@example.com', 'kubectl -n prod create rolebinding ci --role=admin --serviceaccount=prod:ci',
        'kubectl create token deployer -n ci', 'kubectl auth reconcile -f rbac.yaml', 'kubectl debug node/worker-1 -it --image=busybox', 'kubectl certificate approve csr-x7k2',
        'kubectl proxy --address 0.0.0.0 --accept-hosts ".*"', 'kubectl oidc-login get-token --oidc-issuer-url=https://idp'],
      allow: KUBECTL_EXAMPLES_ALLOW,
    },
  },
  {
    names: ['oc'],
    family: 'kubernetes',
    summary: 'OpenShift CLI: kubectl plus projects, builds and cluster administration',
    options: KUBECTL_GLOBALS,
    subcommands: OC_COMMANDS,
    examples: {
      block: ['oc adm policy add-cluster-role-to-user cluster-admin dev', 'oc adm policy add-scc-to-user privileged -z default', 'oc whoami -t', 'oc whoami --show-token', 'oc extract secret/db --to=-',
        'oc sa get-token builder', 'oc policy add-role-to-user admin bob -n team', 'oc adm drain node-1 --force'],
      allow: ['oc get pods', 'oc whoami', 'oc project demo', 'oc status', 'oc new-app nginx', 'oc adm top nodes', 'oc policy who-can get pods'],
    },
  },
  {
    names: ['k3s'],
    family: 'kubernetes',
    summary: 'lightweight Kubernetes; `k3s kubectl|crictl|ctr …` runs those tools against the node',
    options: harmless(['-h', '--help'], ['-v', '--version']),
    subcommands: {
      ...aliases(['server', 'agent'], write('runs the k3s server or agent', { options: [{ names: ['--cluster-reset'], verb: verb('destroy', "resets the cluster's etcd membership to this node, dropping the other members") }] })),
      'etcd-snapshot': {
        subcommands: {
          ...aliases(['ls', 'list'], read('lists snapshots')),
          ...aliases(['delete', 'prune'], destroy('deletes etcd snapshots: the backups of the cluster state')),
          '*': write('takes an etcd snapshot'),
        },
      },
      token: { subcommands: { ...aliases(['list'], read('lists join tokens')), ...aliases(['create', 'generate'], credential('prints a new token that lets a machine join the cluster')), '*': write('changes join tokens') } },
      ...aliases(['certificate', 'secrets-encrypt'], write('rotates certificates or encryption keys')),
      ...aliases(['check-config', 'completion'], read('checks the configuration')),
    },
    // `k3s kubectl …`, `k3s crictl …`, `k3s ctr …`: the tool and its arguments, judged as themselves.
    operands: [{ ...COMMAND, rest: true }],
    examples: { block: ['k3s kubectl delete namespace prod', 'k3s crictl exec -it 1f2e rm -rf /', 'k3s etcd-snapshot delete on-demand-1', 'k3s token create'], allow: ['k3s kubectl get pods -A', 'k3s check-config', 'k3s etcd-snapshot ls', 'k3s crictl ps'] },
  },
  {
    names: ['microk8s'],
    family: 'kubernetes',
    summary: 'MicroK8s; `microk8s kubectl|ctr|helm …` runs those tools against it',
    options: harmless(['-h', '--help'], '--version'),
    subcommands: {
      ...aliases(['status', 'version', 'inspect', 'images'], read('shows the cluster')),
      config: credential("prints the cluster's admin kubeconfig with its credentials"),
      'add-node': credential('prints a token that lets a machine join the cluster'),
      reset: destroy('removes every workload, volume and setting of the cluster'),
      ...aliases(['start', 'stop', 'enable', 'disable', 'join', 'leave', 'remove-node', 'refresh-certs', 'dashboard-proxy'], write('changes the cluster')),
    },
    operands: [{ ...COMMAND, rest: true }],
    examples: { block: ['microk8s reset', 'microk8s config', 'microk8s kubectl delete ns prod'], allow: ['microk8s status', 'microk8s kubectl get pods', 'microk8s enable dns'] },
  },
  {
    names: ['helm'],
    family: 'kubernetes',
    summary: 'Kubernetes package manager: charts installed as releases',
    options: HELM_GLOBALS,
    subcommands: HELM_COMMANDS,
    examples: {
      block: ['helm uninstall web -n prod', 'helm upgrade --install web ./chart --force', 'helm upgrade web ./chart --force --dry-run=false', 'helm rollback web 3 --force'],
      allow: ['helm list -A', 'helm upgrade --install web ./chart -f values.yaml', 'helm rollback web 3', 'helm template web ./chart', 'helm uninstall web --dry-run', 'helm repo add bitnami https://charts.bitnami.com/bitnami', 'helm get values web'],
    },
  },
  {
    names: ['helmfile'],
    family: 'kubernetes',
    summary: 'deploys sets of Helm releases declared in helmfile.yaml',
    options: [
      ...valued(['-f', '--file'], ['-e', '--environment'], '--state-values-set', '--state-values-file', ['-n', '--namespace'], ['-l', '--selector'], '--kube-context', '--chart', '--log-level',
        '--set', '--values', '--concurrency', '--args', '--output-dir'),
      { names: ['-b', '--helm-binary'], value: 'required', role: { kind: 'script-file' } },
      { names: ['--kustomize-binary', '-k'], value: 'required', role: { kind: 'script-file' } },
      ...flags(['-i', '--interactive'], ['-q', '--quiet'], '--debug', '--allow-no-matching-release', '--skip-deps', '--enable-live-output', '--skip-diff-on-install', '--include-crds', '--skip-needs', '--include-needs'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      ...aliases(['destroy', 'delete'], destroy('uninstalls every release of the helmfile and deletes what they created')),
      ...aliases(['sync', 'apply', 'deps', 'fetch', 'write-values', 'cache', 'init', 'repos'], write('installs or upgrades the releases, or fetches charts')),
      ...aliases(['diff', 'template', 'lint', 'list', 'status', 'build', 'show-dag', 'version', 'print-env'], read('shows the releases')),
      test: write('runs the release tests'),
    },
    examples: { block: ['helmfile destroy', 'helmfile -e prod delete', 'helmfile -f prod.yaml -l name=db destroy'], allow: ['helmfile diff', 'helmfile -e staging apply', 'helmfile list', 'helmfile template'] },
  },
  {
    names: ['kustomize'],
    family: 'kubernetes',
    summary: 'builds Kubernetes manifests from kustomizations',
    options: [...harmless(['-h', '--help'])],
    subcommands: {
      build: read('prints the built manifests', {
        options: [...valued(['-o', '--output'], '--helm-command', '--load-restrictor', '--reorder', '--mount', ['-e', '--env'], '--network-name'),
          ...flags('--enable-helm', '--enable-alpha-plugins', '--network', '--as-current-user', '--enable-managedby-label'),
          { names: ['--enable-exec'], verb: verb('write', 'runs the executables the kustomization names as plugins') }],
      }),
      ...aliases(['edit', 'create', 'localize', 'fn', 'cfg', 'init'], write('changes a kustomization')),
      ...aliases(['version', 'docs-fn', 'completion'], read('shows kustomize')),
    },
    examples: { block: ['kustomize build overlays/prod | kubectl delete -f -'], allow: ['kustomize build overlays/prod', 'kustomize build . | kubectl diff -f -', 'kustomize edit set image app=app:1.2'] },
  },
  {
    names: ['argocd'],
    family: 'kubernetes',
    summary: 'Argo CD CLI: GitOps applications, projects, clusters and accounts',
    options: [
      ...valued('--server', '--auth-token', '--config', '--context', '--port-forward-namespace', '--header', '--loglevel', '--logformat', '--grpc-web-root-path', '--client-crt', '--client-crt-key',
        '--server-crt', '--redis-haproxy-name', '--repo-server-name', '--server-name', '--redis-name', '--kube-context', '--http-retry-max', '--redis-compress', '--controller-name'),
      ...flags('--grpc-web', '--insecure', '--plaintext', '--core', '--port-forward', '--prompts-enabled'),
      ...harmless(['-h', '--help']),
    ],
    subcommands: {
      ...aliases(['app', 'apps', 'application', 'applications'], {
        subcommands: {
          ...aliases(['list', 'get', 'diff', 'history', 'manifests', 'logs', 'resources', 'wait', 'list-resources'], read('shows applications')),
          delete: destroy('deletes the application and, by cascade, every resource it deployed'),
          'delete-resource': destroy('deletes a resource the application deployed'),
          sync: write('syncs the application to its Git revision', {
            options: [...valued('--revision', '--resource', ['-l', '--selector'], '--label', '--strategy', '--timeout', '--retry-limit', '--local'),
              { names: ['--prune'], verb: verb('destroy', 'deletes the live resources that Git no longer lists') }, { names: ['--replace'], verb: verb('destroy', 'deletes and creates resources again instead of applying them') }, ...flags('--force', '--async', '--server-side', '--apply-out-of-sync-only'), dryRun(), { names: ['--preview-changes'], harmless: true }],
          }),
          rollback: write('rolls the application back to an earlier deployed revision', { options: flags('--prune') }),
          ...aliases(['create', 'set', 'unset', 'patch', 'patch-resource', 'edit', 'terminate-op', 'actions', 'add-source', 'remove-source', 'confirm-deletion'], write('changes applications')),
        },
      }),
      account: {
        subcommands: {
          ...aliases(['list', 'get', 'get-user-info', 'can-i'], read('shows accounts')),
          'generate-token': credential('prints a new API token for the account'),
          ...aliases(['update-password', 'delete-token', 'bcrypt'], write('changes an account')),
        },
      },
      ...aliases(['proj', 'project'], {
        subcommands: {
          ...aliases(['list', 'get', 'windows'], read('shows projects')),
          delete: destroy('deletes the project'),
          role: { subcommands: { ...aliases(['list', 'get', 'list-groups'], read('shows project roles')), 'create-token': credential('prints a new token for the project role'), 'add-policy': privilege('grants the project role a permission'), '*': write('changes project roles') } },
          '*': write('changes projects'),
        },
      }),
      cluster: { subcommands: { ...aliases(['list', 'get'], read('shows clusters')), add: privilege('installs an admin service account on the cluster and gives Argo CD its credentials'), ...aliases(['rm', 'set', 'rotate-auth'], write('changes managed clusters')) } },
      repo: { subcommands: { ...aliases(['list', 'get'], read('shows repositories')), '*': write('changes repositories and their credentials') } },
      admin: {
        subcommands: {
          export: credential('prints every Argo CD resource, secrets with their values included'),
          'initial-password': credential("prints the admin account's initial password"),
          '*': write('administers Argo CD'),
        },
      },
      ...aliases(['login', 'logout', 'relogin', 'gpg', 'cert', 'appset', 'context'], write('changes the session or settings')),
      ...aliases(['version', 'completion'], read('shows Argo CD')),
    },
    examples: {
      block: ['argocd app delete shop --yes', 'argocd app sync shop --prune', 'argocd account generate-token --account ci', 'argocd admin initial-password -n argocd', 'argocd proj role create-token default deployer'],
      allow: ['argocd app list', 'argocd app get shop', 'argocd app sync shop', 'argocd app rollback shop 12', 'argocd app diff shop', 'argocd app sync shop --prune --dry-run'],
    },
  },
  {
    names: ['flux'],
    family: 'kubernetes',
    summary: 'Flux CD CLI: GitOps sources, kustomizations and Helm releases',
    options: [...valued('--context', '--kubeconfig', ['-n', '--namespace'], '--timeout', '--cache-dir', '--as', '--token'), ...flags('--verbose', '--insecure-skip-tls-verify'), ...harmless(['-h', '--help'], ['-v', '--version'])],
    subcommands: {
      ...aliases(['get', 'logs', 'stats', 'tree', 'trace', 'events', 'check', 'version', 'diff', 'export', 'debug', 'completion', 'envsubst', 'list'], read('shows Flux resources')),
      delete: destroy('deletes Flux resources (a kustomization with prune on takes what it deployed with it)'),
      uninstall: destroy('removes Flux, its custom resources and their finalizers from the cluster'),
      ...aliases(['suspend', 'resume', 'reconcile', 'create', 'install', 'bootstrap', 'push', 'pull', 'tag', 'build', 'migrate'], write('changes Flux resources or reconciliation')),
    },
    examples: { block: ['flux uninstall --silent', 'flux delete kustomization apps', 'flux -n flux-system delete source git infra -s'], allow: ['flux get kustomizations -A', 'flux reconcile ks apps --with-source', 'flux suspend hr web', 'flux check'] },
  },
  {
    names: ['eksctl'],
    family: 'kubernetes',
    summary: 'Amazon EKS clusters and node groups',
    options: [...valued(['-r', '--region'], ['-p', '--profile'], ['-f', '--config-file'], ['-v', '--verbose'], ['-n', '--name'], '--cluster', '--color'), ...harmless(['-h', '--help'])],
    subcommands: {
      delete: {
        subcommands: {
          ...aliases(['cluster', 'nodegroup', 'ng'], destroy('deletes the cluster or node group with the workloads on it')),
          '*': write('deletes cluster add-ons, service accounts or profiles'),
        },
      },
      create: write('creates clusters, node groups or add-ons', {
        subcommands: {
          iamidentitymapping: privilege('maps an IAM identity to Kubernetes groups (system:masters is cluster admin)'),
          accessentry: privilege('grants an IAM principal access to the cluster'),
        },
      }),
      utils: { subcommands: { ...aliases(['describe-stacks', 'describe-addon-versions', 'describe-addon-configuration', 'schema', 'nodegroup-health'], read('shows the cluster')), '*': write('changes cluster settings') } },
      ...aliases(['get', 'info', 'version', 'completion'], read('shows clusters')),
      ...aliases(['upgrade', 'scale', 'drain', 'set', 'unset', 'update', 'enable', 'register', 'deregister', 'anywhere'], write('changes the cluster')),
    },
    examples: { block: ['eksctl delete cluster --name prod', 'eksctl delete nodegroup --cluster prod --name ng-1', 'eksctl create iamidentitymapping --cluster prod --arn arn:aws:iam::1:role/x --group system:masters'], allow: ['eksctl get clusters', 'eksctl create cluster -f cluster.yaml', 'eksctl utils describe-stacks --cluster prod'] },
  },
  {
    names: ['kops'],
    family: 'kubernetes',
    summary: 'Kubernetes Operations: clusters on cloud VMs (changes apply only with --yes)',
    options: [...valued('--state', '--name', '--config', ['-v', '--v']), ...harmless(['-h', '--help'])],
    subcommands: {
      delete: read('previews a deletion (nothing is deleted without --yes)', {
        when: [{ options: [{ name: '--yes' }], verb: verb('destroy', 'deletes the cluster, its instances, volumes and DNS records') }],
        options: flags(['-y', '--yes']),
      }),
      ...aliases(['update', 'rolling-update', 'upgrade'], read('previews a change (nothing changes without --yes)', { options: flags(['-y', '--yes']), when: [{ options: [{ name: '--yes' }], verb: verb('write', 'applies the change to the cluster') }] })),
      ...aliases(['get', 'validate', 'version', 'toolbox', 'completion'], read('shows clusters')),
      ...aliases(['create', 'edit', 'replace', 'set', 'unset', 'export', 'promote', 'trust', 'distrust', 'reconcile'], write('changes the cluster specification')),
    },
    examples: { block: ['kops delete cluster --name prod.k8s.local --yes', 'kops delete cluster prod.example.com -y'], allow: ['kops delete cluster --name prod.k8s.local', 'kops get clusters', 'kops update cluster --yes', 'kops validate cluster'] },
  },
  {
    names: ['kubeadm'],
    family: 'kubernetes',
    summary: 'bootstraps Kubernetes control planes and nodes',
    options: [...valued(['-v', '--v'], '--rootfs', '--kubeconfig'), ...harmless(['-h', '--help'])],
    subcommands: {
      reset: destroy("wipes the node's Kubernetes state: certificates, manifests and, on a control plane, its etcd data", { options: [dryRun()] }),
      token: { subcommands: { ...aliases(['list'], credential('prints the join tokens')), create: credential('prints a new token that lets a machine join the cluster'), generate: read('generates a random token'), delete: write('deletes join tokens') } },
      kubeconfig: { subcommands: { user: credential('prints a kubeconfig with a new client certificate and key') } },
      certs: { subcommands: { ...aliases(['check-expiration', 'certificate-key'], read('shows certificates')), '*': write('renews or generates certificates') } },
      config: { subcommands: { ...aliases(['print', 'images', 'view'], read('prints configuration')), '*': write('changes configuration') } },
      ...aliases(['init', 'join', 'upgrade', 'alpha'], write('sets up or upgrades a node')),
      ...aliases(['version', 'completion'], read('shows kubeadm')),
    },
    examples: { block: ['kubeadm reset -f', 'kubeadm token create --print-join-command', 'kubeadm kubeconfig user --client-name admin2', 'kubeadm token list'], allow: ['kubeadm version', 'kubeadm certs check-expiration', 'kubeadm config print init-defaults', 'kubeadm reset --dry-run'] },
  },
  {
    names: ['talosctl'],
    family: 'kubernetes',
    summary: 'Talos Linux nodes and their Kubernetes',
    options: [...valued(['-n', '--nodes'], ['-e', '--endpoints'], '--talosconfig', '--context', '--cluster'), ...harmless(['-h', '--help'])],
    subcommands: {
      reset: destroy('wipes the node: its disks, its Kubernetes state and its membership of the cluster'),
      etcd: { subcommands: { ...aliases(['members', 'status', 'alarm'], read('shows etcd')), ...aliases(['remove-member', 'leave', 'forfeit-leadership'], write('changes etcd membership')), snapshot: write('saves an etcd snapshot') } },
      kubeconfig: write("writes the cluster's admin kubeconfig", { operands: [{ kind: 'path', access: 'write' }], when: [{ operand: '^-$', verb: verb('credential', "prints the cluster's admin kubeconfig") }] }),
      ...aliases(['get', 'dmesg', 'logs', 'version', 'health', 'dashboard', 'list', 'ls', 'read', 'cat', 'containers', 'stats', 'processes', 'ps', 'services', 'service', 'memory', 'mounts', 'netstat', 'events', 'disks', 'config', 'inspect', 'validate', 'time', 'usage', 'support'], read('shows nodes')),
      ...aliases(['apply-config', 'apply', 'upgrade', 'upgrade-k8s', 'reboot', 'shutdown', 'bootstrap', 'patch', 'edit', 'restart', 'rollback', 'gen', 'image', 'cluster', 'cp', 'copy', 'wipe'], write('changes nodes')),
    },
    examples: { block: ['talosctl -n 10.0.0.2 reset --graceful=false', 'talosctl kubeconfig -'], allow: ['talosctl -n 10.0.0.2 dmesg', 'talosctl health', 'talosctl kubeconfig .', 'talosctl -n 10.0.0.2 apply-config -f cp.yaml'] },
  },
  {
    names: ['skaffold'],
    family: 'kubernetes',
    summary: 'builds and deploys applications to Kubernetes during development',
    options: [...valued(['-f', '--filename'], ['-p', '--profile'], '--kube-context', ['-n', '--namespace'], ['-v', '--verbosity'], '--default-repo', ['-m', '--module'], '--kubeconfig'), ...harmless(['-h', '--help'])],
    subcommands: {
      ...aliases(['diagnose', 'render', 'inspect', 'version', 'schema', 'survey', 'completion', 'verify'], read('shows the project')),
      ...aliases(['dev', 'run', 'debug', 'deploy', 'build', 'apply', 'init', 'fix', 'config', 'test', 'exec', 'delete', 'credits', 'filter', 'lint'], write('builds, deploys or removes the project')),
    },
    examples: { block: ['skaffold run --tail; helm uninstall web'], allow: ['skaffold dev', 'skaffold render -p prod', 'skaffold delete'] },
  },
  {
    names: ['tilt'],
    family: 'kubernetes',
    summary: 'live development environments for Kubernetes',
    options: [...valued('--context', '--namespace', ['-f', '--file'], '--port', '--host'), ...harmless(['-h', '--help'])],
    subcommands: {
      down: write('removes what the Tiltfile deployed', { options: [{ names: ['--delete-namespaces'], verb: verb('destroy', 'also deletes the namespaces, with everything in them') }] }),
      ...aliases(['up', 'ci', 'trigger', 'enable', 'disable', 'args', 'edit', 'patch', 'apply', 'create', 'delete', 'docker-prune'], write('changes the environment')),
      ...aliases(['get', 'describe', 'logs', 'version', 'doctor', 'alpha', 'api-resources', 'wait', 'explain', 'dump', 'verify-install'], read('shows the environment')),
    },
    examples: { block: ['tilt down --delete-namespaces'], allow: ['tilt up', 'tilt down', 'tilt get uiresources', 'tilt logs web'] },
  },
  {
    names: ['istioctl'],
    family: 'kubernetes',
    summary: 'Istio service mesh CLI',
    options: [...valued(['-c', '--kubeconfig'], '--context', ['-i', '--istioNamespace', '--istio-namespace'], ['-n', '--namespace'], '--vklog', ['-r', '--revision']), ...harmless(['-h', '--help'])],
    subcommands: {
      uninstall: destroy('removes Istio from the cluster (with --purge, every revision and its resources): traffic between services stops being routed', { options: [...flags('--purge', ['-y', '--skip-confirmation']), dryRun()] }),
      ...aliases(['install', 'upgrade', 'manifest', 'tag', 'dashboard', 'admin', 'kube-inject', 'waypoint', 'ztunnel-config'], write('changes the mesh')),
      ...aliases(['analyze', 'proxy-status', 'proxy-config', 'version', 'x', 'experimental', 'verify-install', 'bug-report', 'precheck', 'validate', 'completion'], read('shows the mesh')),
    },
    examples: { block: ['istioctl uninstall --purge -y'], allow: ['istioctl proxy-status', 'istioctl analyze -A', 'istioctl install --set profile=demo -y', 'istioctl uninstall --purge --dry-run'] },
  },
  {
    names: ['vcluster'],
    family: 'kubernetes',
    summary: 'virtual Kubernetes clusters inside a namespace',
    options: [...valued(['-n', '--namespace'], '--context', '--log-output', '--driver'), ...flags('--debug', '--silent'), ...harmless(['-h', '--help'])],
    subcommands: {
      delete: destroy('deletes the virtual cluster with every workload in it', { options: flags('--delete-namespace', '--keep-pvc', '--auto-delete-namespace', '--ignore-not-found') }),
      ...aliases(['list', 'ls', 'describe', 'version', 'info', 'logs'], read('shows virtual clusters')),
      ...aliases(['create', 'connect', 'disconnect', 'pause', 'resume', 'upgrade', 'login', 'logout', 'use', 'import', 'platform', 'snapshot', 'restore', 'convert', 'add'], write('changes virtual clusters')),
    },
    examples: { block: ['vcluster delete dev --delete-namespace'], allow: ['vcluster list', 'vcluster create dev -n team-a', 'vcluster connect dev'] },
  },
  {
    names: ['kubeseal'],
    family: 'kubernetes',
    summary: 'Sealed Secrets: seals Kubernetes secrets for Git (reads a secret on stdin, prints it sealed)',
    options: [
      ...valued(['-o', '--format'], '--cert', '--controller-name', '--controller-namespace', '--scope', '--name', ['-n', '--namespace'], '--kubeconfig', '--context', '--from-file', '--secret-file',
        '--sealed-secret-file', '--merge-into', '--recovery-private-key', '--key-prefix', '--label-selector'),
      ...flags('--raw', '--allow-empty-data', '--fetch-cert', '--validate', '--re-encrypt', '--rotate', '--reencrypt'),
      { names: ['--recovery-unseal'], verb: verb('credential', 'decrypts sealed secrets with the private key and prints their values') },
      ...harmless(['-h', '--help'], '--version'),
    ],
    examples: { block: ['kubeseal --recovery-unseal --recovery-private-key key.pem < sealed.yaml'], allow: ['kubeseal --fetch-cert > pub.pem', 'kubeseal -o yaml < secret.yaml > sealed.yaml', 'kubeseal --cert pub.pem --raw --from-file=pw.txt --name db'] },
  },
  {
    names: ['kubelogin'],
    family: 'kubernetes',
    summary: 'Azure/OIDC credential plugin for kubectl',
    options: [...valued('--kubeconfig', '--context', ['-l', '--login']), ...harmless(['-h', '--help'])],
    subcommands: {
      'get-token': credential('prints an access token for the cluster'),
      ...aliases(['convert-kubeconfig', 'remove-tokens', 'remove-cache-dir', 'setup', 'clean'], write('rewrites the kubeconfig or removes cached tokens')),
      version: read('prints the version'),
    },
    examples: { block: ['kubelogin get-token --server-id 6dae42f8-4368-4678-94ff-3960e28e3630 --login azurecli'], allow: ['kubelogin convert-kubeconfig -l azurecli', 'kubelogin version'] },
  },
  {
    names: ['kubectx'],
    family: 'kubernetes',
    summary: 'lists or switches kubeconfig contexts',
    options: [
      { names: ['-d'], verb: verb('write', 'deletes contexts from the kubeconfig') },
      ...flags(['-c', '--current'], ['-u', '--unset']),
      ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    when: [{ operand: '.', verb: verb('write', 'switches or renames the current context: later commands go to another cluster') }],
    examples: { block: ['kubectx prod && kubectl delete ns payments'], allow: ['kubectx', 'kubectx -c', 'kubectx staging'] },
  },
  {
    names: ['kubens'],
    family: 'kubernetes',
    summary: 'lists or switches the namespace of the current context',
    options: [...flags(['-c', '--current'], ['-u', '--unset']), ...harmless(['-h', '--help'], ['-V', '--version'])],
    when: [{ operand: '.', verb: verb('write', 'switches the namespace later commands use') }],
    examples: { block: ['kubens prod && kubectl delete all --all'], allow: ['kubens', 'kubens -c', 'kubens dev'] },
  },
  {
    names: ['k9s'],
    family: 'kubernetes',
    summary: 'terminal UI for Kubernetes clusters (interactive)',
    options: [...valued(['-n', '--namespace'], '--context', '--cluster', ['-c', '--command'], '--kubeconfig', ['-l', '--logLevel'], '--logFile', '--screen-dump-dir', '--token', '--as', '--as-group', '--user',
      ['-r', '--refresh']), ...flags('--readonly', '--write', ['-A', '--all-namespaces'], '--headless', '--logoless', '--crumbsless', '--splashless', '--insecure-skip-tls-verify'), ...harmless(['-h', '--help'])],
    subcommands: { ...aliases(['version', 'info'], read('shows k9s')) },
    verb: verb('read', 'browses the cluster'),
    examples: { block: ['k9s --readonly; kubectl delete ns prod'], allow: ['k9s', 'k9s -n prod --readonly', 'k9s info'] },
  },
  {
    names: ['stern'],
    family: 'kubernetes',
    summary: 'tails the logs of many pods',
    options: [...valued(['-n', '--namespace'], '--context', '--kubeconfig', ['-c', '--container'], ['-e', '--exclude'], ['-E', '--exclude-container'], ['-i', '--include'], ['-l', '--selector'], ['-o', '--output'],
      ['-s', '--since'], '--tail', '--template', '--template-file', '--container-state', '--field-selector', '--max-log-requests', '--timezone', '--color', '--node', '--condition', '--exclude-pod'),
    ...flags(['-A', '--all-namespaces'], ['-t', '--timestamps'], '--no-follow', '--only-log-lines', '--diff-container', '--prompt', '--stdin'), ...harmless(['-h', '--help'], ['-v', '--version'])],
    examples: { block: ['stern web; kubectl delete ns web'], allow: ['stern web -n prod --since 10m', 'stern -l app=api --tail 50', 'stern . -A'] },
  },
  {
    names: ['cilium'],
    family: 'kubernetes',
    summary: 'Cilium CNI and Hubble CLI',
    options: [...valued('--context', ['-n', '--namespace'], '--kubeconfig'), ...harmless(['-h', '--help'])],
    subcommands: {
      uninstall: destroy("removes the cluster's network plugin: pods lose networking until another is installed"),
      ...aliases(['status', 'version', 'connectivity', 'sysdump', 'hubble', 'config', 'features', 'encryption', 'bgp', 'multicast'], read('shows the network')),
      ...aliases(['install', 'upgrade', 'clustermesh'], write('installs or configures Cilium')),
    },
    examples: { block: ['cilium uninstall'], allow: ['cilium status --wait', 'cilium install --version 1.16.0', 'cilium connectivity test'] },
  },
];
