// Family: clouds — the provider CLIs (aws, gcloud/gsutil, az, oci, ibmcloud, openstack, doctl,
// hcloud, linode-cli, vultr-cli, scw, civo) and the platforms (fly, heroku, vercel, netlify,
// wrangler, fastly, firebase, supabase, railway, cf), plus s3cmd. Bucket and resource deletes of
// aws/gcloud/gsutil/az are also judged by the infra rules; these specs add what those do not:
// credentials printed (tokens, secret values, keys), privilege and exposure (IAM grants, public
// ACLs, 0.0.0.0/0 ingress, organisation changes), messages sent, and the commands run remotely.
import type { CommandSpec, OptionDecl, ProgramSpec } from '../spec.js';
import {
  abbreviable,
  aliases,
  credential,
  destroy,
  flags,
  harmless,
  privilege,
  publish,
  read,
  valued,
  verb,
  write,
} from './infra-helpers.js';

const COMMAND = { kind: 'command' } as const;
const SCRIPT = { kind: 'script' } as const;
const DATA = { kind: 'data' } as const;

/** An address range that is the whole internet. */
const ANYWHERE = '(^|[^0-9.])0\\.0\\.0\\.0/0|::/0|^\\*$|^any$|^internet$';
/** Principals that are everyone (GCS, S3 grants). */
const EVERYONE = 'allUsers|allAuthenticatedUsers|AllUsers|AuthenticatedUsers|global/AllUsers';

/**
 * A command group of a CLI whose commands read `GROUP… VERB` (gcloud, az, doctl): the verb decides
 * at whatever depth it comes; any other word is a further group, down to `depth` levels.
 */
const group = (verbs: Record<string, CommandSpec>, depth: number, own: Record<string, CommandSpec> = {}): CommandSpec => ({
  subcommands: { ...verbs, ...own, ...(depth > 1 ? { '*': group(verbs, depth - 1) } : {}) },
});

// ---------------------------------------------------------------- aws

/** What an AWS operation does, by its name; a service's own table overrides it. */
const AWS_OPERATIONS: Record<string, CommandSpec> = {
  ...aliases(
    [
      'describe-*',
      'list-*',
      'get-*',
      'head-*',
      'search-*',
      'lookup-*',
      'batch-get-*',
      'filter-*',
      'preview-*',
      'test-*',
      'validate-*',
      'estimate-*',
      'simulate-*',
      'check-*',
      'detect-*',
      'scan',
      'query',
      'wait',
      'help',
      'tail',
      'select-*',
      'decode-*',
      'generate-credential-report',
      'generate-service-last-accessed-details',
      'download-db-log-file-portion',
    ],
    read('reads resources'),
  ),
  ...aliases(
    [
      'delete-*',
      'terminate-*',
      'purge-*',
      'destroy-*',
      'batch-delete-*',
      'schedule-key-deletion',
      'schedule-secret-deletion',
      'force-delete-*',
      'deregister-image',
      'disable-key',
      'close-account',
    ],
    destroy('deletes a resource and the data in it'),
  ),
  // Deletes of labels, messages and settings are ordinary changes.
  ...aliases(
    [
      'delete-tags',
      'delete-message',
      'delete-message-batch',
      'delete-alarms',
      'delete-object',
      'delete-object-tagging',
      'delete-bucket-tagging',
      'delete-bucket-cors',
      'delete-bucket-website',
      'delete-bucket-lifecycle',
      'delete-dashboards',
      'delete-metric-filter',
      'delete-subscription-filter',
      'delete-retention-policy',
      'delete-item',
      'delete-attributes',
      'delete-notification-configuration',
      'delete-scaling-policy',
      'delete-lifecycle-hook',
      'delete-change-set',
      'delete-launch-template-versions',
      'delete-network-acl-entry',
      'delete-route',
      'delete-bucket-policy',
      'delete-rule',
      'delete-targets',
    ],
    write('deletes a tag, message, item or setting'),
  ),
  'delete-public-access-block': privilege('removes the block on public access: buckets may become public'),
  ...aliases(
    [
      'publish',
      'send-email',
      'send-raw-email',
      'send-templated-email',
      'send-bulk-email',
      'send-bulk-templated-email',
      'send-messages',
      'send-users-messages',
      'send-text-message',
      'send-voice-message',
    ],
    publish('sends a message, email or SMS to people outside'),
  ),
  ...aliases(
    [
      'add-permission',
      'put-resource-policy',
      'put-key-policy',
      'create-grant',
      'set-repository-policy',
      'put-bucket-policy',
      'put-registry-policy',
      'put-repository-permissions-policy',
      'put-domain-permissions-policy',
    ],
    privilege('grants access to a resource through its policy'),
  ),
  '*': write('calls an operation that creates or changes resources'),
};

/** `aws SERVICE …` for a service whose operations follow the naming above, with `own` overrides. */
const awsService = (own: Record<string, CommandSpec> = {}): CommandSpec => ({ subcommands: { ...AWS_OPERATIONS, ...own } });

const PUBLIC_ACL = { name: '--acl', value: '^public-read|^authenticated-read|^public-read-write' };

const AWS_SERVICES: Record<string, CommandSpec> = {
  s3: {
    options: [
      ...flags(
        '--recursive',
        '--force',
        '--quiet',
        '--only-show-errors',
        '--no-progress',
        '--delete',
        '--exact-timestamps',
        '--follow-symlinks',
        '--no-follow-symlinks',
        '--human-readable',
        '--summarize',
      ),
      ...valued(
        '--exclude',
        '--include',
        '--acl',
        '--grants',
        '--storage-class',
        '--sse',
        '--sse-kms-key-id',
        '--content-type',
        '--cache-control',
        '--expires',
        '--metadata',
        '--page-size',
        '--expected-size',
        '--source-region',
      ),
      { names: ['--dryrun'], harmless: true },
    ],
    subcommands: {
      ...aliases(['ls', 'presign'], read('lists buckets or objects')),
      ...aliases(
        ['cp', 'mv', 'sync', 'mb', 'website'],
        write('copies objects or creates a bucket', {
          when: [
            { options: [PUBLIC_ACL], verb: verb('privilege', 'makes the objects readable by anyone') },
            { options: [{ name: '--grants', value: EVERYONE }], verb: verb('privilege', 'grants everyone access to the objects') },
          ],
        }),
      ),
      rm: write('deletes an object', {
        when: [{ options: [{ name: '--recursive' }], verb: verb('destroy', 'deletes every object under the prefix') }],
      }),
      rb: destroy('deletes the bucket (with --force, every object in it first)'),
    },
  },
  s3api: awsService({
    ...aliases(
      ['put-bucket-acl', 'put-object-acl', 'put-object', 'copy-object', 'create-bucket', 'create-multipart-upload'],
      write('writes an object or bucket, or sets its access list', {
        options: valued(
          '--acl',
          '--grant-read',
          '--grant-full-control',
          '--grant-write',
          '--grant-read-acp',
          '--grant-write-acp',
          '--access-control-policy',
          '--bucket',
          '--key',
        ),
        when: [
          { options: [PUBLIC_ACL], verb: verb('privilege', 'makes the bucket or object readable by anyone') },
          ...['--grant-read', '--grant-full-control', '--grant-write', '--grant-read-acp', '--grant-write-acp'].map((name) => ({
            options: [{ name, value: EVERYONE }],
            verb: verb('privilege', 'grants everyone access to the bucket or object'),
          })),
        ],
      }),
    ),
    'put-public-access-block': write('sets the public access block', {
      options: valued('--public-access-block-configuration', '--bucket'),
      when: [
        {
          options: [{ name: '--public-access-block-configuration', value: '=\\s*false|"\\s*:\\s*false' }],
          verb: verb('privilege', 'lifts the block on public access: buckets may become public'),
        },
      ],
    }),
    'delete-objects': destroy('deletes up to a thousand objects at once'),
    'get-object': read('downloads an object'),
  }),
  s3control: awsService({
    'put-public-access-block': write('sets the account public access block', {
      options: valued('--public-access-block-configuration', '--account-id'),
      when: [
        {
          options: [{ name: '--public-access-block-configuration', value: '=\\s*false|"\\s*:\\s*false' }],
          verb: verb('privilege', 'lifts the account-wide block on public access'),
        },
      ],
    }),
  }),
  iam: awsService({
    ...aliases(
      [
        'attach-user-policy',
        'attach-role-policy',
        'attach-group-policy',
        'put-user-policy',
        'put-role-policy',
        'put-group-policy',
        'create-policy-version',
        'set-default-policy-version',
        'add-user-to-group',
        'update-assume-role-policy',
        'add-role-to-instance-profile',
        'create-saml-provider',
        'create-open-id-connect-provider',
        'delete-user-permissions-boundary',
        'delete-role-permissions-boundary',
        'create-login-profile',
        'update-login-profile',
        'put-user-permissions-boundary',
        'put-role-permissions-boundary',
      ],
      privilege('grants permissions or a way to sign in to an IAM identity'),
    ),
    ...aliases(
      ['create-access-key', 'create-service-specific-credential', 'reset-service-specific-credential', 'create-virtual-mfa-device'],
      credential('creates and prints a new secret key or credential'),
    ),
  }),
  sts: awsService({
    ...aliases(
      ['get-session-token', 'assume-role', 'assume-role-with-saml', 'assume-role-with-web-identity', 'get-federation-token', 'assume-root'],
      credential('prints temporary AWS credentials'),
    ),
    ...aliases(['get-caller-identity', 'decode-authorization-message', 'get-access-key-info'], read('shows who you are')),
  }),
  secretsmanager: awsService({
    ...aliases(['get-secret-value', 'batch-get-secret-value'], credential("prints the secret's value")),
    'get-random-password': read('generates a random password'),
  }),
  ssm: awsService({
    ...aliases(
      ['get-parameter', 'get-parameters', 'get-parameters-by-path', 'get-parameter-history'],
      read('reads parameters (secure strings stay encrypted)', {
        options: [
          { names: ['--with-decryption'], verb: verb('credential', 'prints secure-string parameters decrypted') },
          ...flags('--no-with-decryption'),
        ],
      }),
    ),
    'send-command': write('runs a command document (shell scripts) on the instances'),
    ...aliases(['delete-parameter', 'delete-parameters'], destroy('deletes parameters (configuration and secrets other services read)')),
  }),
  kms: awsService({
    ...aliases(
      ['decrypt', 'generate-data-key', 'generate-data-key-pair'],
      credential('prints decrypted plaintext or a plaintext data key'),
    ),
  }),
  ecr: awsService({
    ...aliases(['get-login-password', 'get-authorization-token', 'get-login'], credential('prints a registry password')),
    'batch-delete-image': destroy('deletes images from the repository'),
  }),
  'ecr-public': awsService({ ...aliases(['get-login-password', 'get-authorization-token'], credential('prints a registry password')) }),
  codeartifact: awsService({ 'get-authorization-token': credential('prints a repository token') }),
  ec2: awsService({
    ...aliases(
      ['authorize-security-group-ingress', 'authorize-security-group-egress'],
      write('opens a security group to an address range', {
        options: valued(
          '--cidr',
          '--ip-permissions',
          '--group-id',
          '--group-name',
          '--protocol',
          '--port',
          '--source-group',
          '--group-owner',
        ),
        when: [
          { options: [{ name: '--cidr', value: ANYWHERE }], verb: verb('privilege', 'opens the security group to the whole internet') },
          {
            options: [{ name: '--ip-permissions', value: '0\\.0\\.0\\.0/0|::/0' }],
            verb: verb('privilege', 'opens the security group to the whole internet'),
          },
        ],
      }),
    ),
    ...aliases(
      ['modify-image-attribute', 'modify-snapshot-attribute'],
      write('changes who may use an image or snapshot', {
        options: valued(
          '--launch-permission',
          '--create-volume-permission',
          '--user-groups',
          '--group-names',
          '--attribute',
          '--operation-type',
          '--image-id',
          '--snapshot-id',
          '--user-ids',
        ),
        when: [
          {
            options: [{ name: '--launch-permission', value: 'Group=all|"Group"\\s*:\\s*"all"' }],
            verb: verb('privilege', 'makes the image public'),
          },
          {
            options: [{ name: '--create-volume-permission', value: 'Group=all|"Group"\\s*:\\s*"all"' }],
            verb: verb('privilege', 'makes the snapshot public'),
          },
          { options: [{ name: '--user-groups', value: '^all$' }], verb: verb('privilege', 'makes it public') },
          { options: [{ name: '--group-names', value: '^all$' }], verb: verb('privilege', 'makes it public') },
        ],
      }),
    ),
    'get-password-data': credential("prints a Windows instance's administrator password"),
    'create-key-pair': credential('creates a key pair and prints its private key'),
  }),
  'ec2-instance-connect': awsService({ 'send-ssh-public-key': privilege('lets a key log in to the instance') }),
  rds: awsService({
    'generate-db-auth-token': credential('prints a database login token'),
    ...aliases(
      ['modify-db-instance', 'modify-db-cluster', 'create-db-instance'],
      write('changes a database', {
        options: [
          { names: ['--publicly-accessible'], verb: verb('privilege', 'gives the database a public address') },
          ...flags('--no-publicly-accessible'),
        ],
      }),
    ),
    ...aliases(
      ['modify-db-snapshot-attribute', 'modify-db-cluster-snapshot-attribute'],
      write('changes who may restore a snapshot', {
        options: valued(
          '--values-to-add',
          '--values-to-remove',
          '--attribute-name',
          '--db-snapshot-identifier',
          '--db-cluster-snapshot-identifier',
        ),
        when: [{ options: [{ name: '--values-to-add', value: '^all$' }], verb: verb('privilege', 'makes the database snapshot public') }],
      }),
    ),
    ...aliases(
      ['restore-db-instance-to-point-in-time', 'restore-db-cluster-to-point-in-time'],
      write('restores a database into a new instance'),
    ),
  }),
  lambda: awsService({
    'create-function-url-config': write('gives the function a URL', {
      options: valued('--auth-type', '--function-name', '--cors', '--invoke-mode'),
      when: [
        { options: [{ name: '--auth-type', value: '^none$' }], verb: verb('privilege', 'lets anyone on the internet call the function') },
      ],
    }),
    invoke: write('runs the function'),
  }),
  eks: awsService({
    'get-token': credential('prints a bearer token for the cluster'),
    ...aliases(['create-access-entry', 'associate-access-policy'], privilege('grants an IAM principal access to the cluster')),
    'update-kubeconfig': write('writes the cluster to the kubeconfig'),
  }),
  ecs: awsService({
    'execute-command': write('runs a command in a task', { options: [{ names: ['--command'], value: 'required', role: SCRIPT }] }),
  }),
  route53: awsService({
    'change-resource-record-sets': write('changes DNS records', {
      options: valued('--change-batch', '--hosted-zone-id'),
      when: [
        { options: [{ name: '--change-batch', value: 'DELETE' }], verb: verb('destroy', 'deletes DNS records: the names stop resolving') },
      ],
    }),
  }),
  sqs: awsService({ 'purge-queue': destroy('deletes every message in the queue') }),
  organizations: awsService({
    ...aliases(['describe-*', 'list-*'], read('shows the organization')),
    ...aliases(
      ['leave-organization', 'delete-organization', 'remove-account-from-organization', 'close-account'],
      destroy('removes accounts from the organization, or the organization itself'),
    ),
    '*': privilege('changes the organization: its accounts, policies, trust and delegated administrators'),
  }),
  'cognito-idp': awsService({
    ...aliases(
      ['admin-initiate-auth', 'initiate-auth', 'respond-to-auth-challenge', 'admin-respond-to-auth-challenge'],
      credential('signs in and prints the session tokens'),
    ),
    'admin-add-user-to-group': privilege('adds a user to a group and its permissions'),
  }),
  'cognito-identity': awsService({
    ...aliases(
      ['get-credentials-for-identity', 'get-open-id-token', 'get-open-id-token-for-developer-identity'],
      credential('prints temporary credentials or a token'),
    ),
  }),
  sso: awsService({ 'get-role-credentials': credential('prints temporary AWS credentials') }),
  'sso-oidc': awsService({ 'create-token': credential('prints an access token') }),
  'sso-admin': awsService({
    ...aliases(
      ['create-account-assignment', 'attach-managed-policy-to-permission-set', 'put-inline-policy-to-permission-set'],
      privilege('grants a user or group access to accounts'),
    ),
  }),
  lightsail: awsService({
    ...aliases(
      ['get-instance-access-details', 'download-default-key-pair', 'create-key-pair'],
      credential('prints login credentials or a private key'),
    ),
  }),
  redshift: awsService({
    ...aliases(['get-cluster-credentials', 'get-cluster-credentials-with-iam'], credential('prints database credentials')),
  }),
  'redshift-serverless': awsService({ 'get-credentials': credential('prints database credentials') }),
  // `aws configure` alone asks for keys and writes them.
  configure: {
    verb: { effect: 'change', why: 'writes the configuration and credentials' },
    subcommands: {
      ...aliases(['list', 'list-profiles', 'get'], read('shows the configuration')),
      'export-credentials': credential('prints the credentials of the profile'),
      ...aliases(['set', 'import', 'sso', 'sso-session', 'add-model'], write('changes the configuration or credentials')),
    },
  },
  ...aliases(['ses', 'sesv2', 'sns', 'pinpoint', 'pinpoint-sms-voice-v2'], awsService()),
};

const AWS_GLOBALS: OptionDecl[] = [
  ...valued(
    '--profile',
    '--region',
    '--output',
    '--endpoint-url',
    '--query',
    '--cli-read-timeout',
    '--cli-connect-timeout',
    '--ca-bundle',
    '--color',
    '--cli-binary-format',
    '--cli-input-json',
    '--cli-input-yaml',
    '--starting-token',
    '--page-size',
    '--max-items',
  ),
  ...flags(
    '--debug',
    '--no-verify-ssl',
    '--no-paginate',
    '--no-sign-request',
    '--no-cli-pager',
    '--cli-auto-prompt',
    '--no-cli-auto-prompt',
    '--no-dry-run',
  ),
  { names: ['--dry-run'], harmless: true },
  { names: ['--generate-cli-skeleton'], value: 'optional', harmless: true },
  ...harmless('--help', '--version'),
];

// ---------------------------------------------------------------- gcloud

const GCLOUD_VERBS: Record<string, CommandSpec> = {
  ...aliases(
    [
      'list',
      'describe',
      'get-iam-policy',
      'get-value',
      'get',
      'show',
      'ls',
      'cat',
      'explain',
      'search',
      'read',
      'tail',
      'wait',
      'validate',
      'test-iam-permissions',
      'get-ancestors',
      'get-ancestors-iam-policy',
      'get-serial-port-output',
      'list-*',
      'describe-*',
    ],
    read('shows resources'),
  ),
  ...aliases(
    [
      'create',
      'update',
      'patch',
      'set',
      'unset',
      'add-*',
      'remove-*',
      'set-*',
      'start',
      'stop',
      'reset',
      'resize',
      'restart',
      'suspend',
      'resume',
      'enable',
      'disable',
      'import',
      'export',
      'deploy',
      'run',
      'submit',
      'execute',
      'publish',
      'pull',
      'ack',
      'cancel',
      'rollback',
      'restore',
      'promote',
      'failover',
      'clone',
      'move',
      'rename',
      'attach',
      'detach',
      'connect',
      'login',
      'activate',
      'apply',
      'scale',
      'upgrade',
      'call',
      'cp',
      'mv',
      'rsync',
      'get-credentials',
      'scp',
      'sign-url',
      'undelete',
      'revoke',
      'install',
      'remove',
    ],
    write('creates or changes resources'),
  ),
  ...aliases(['delete', 'bulk-delete', 'destroy', 'purge', 'restore-backup'], destroy('deletes the resource and the data in it')),
  ...aliases(['add-iam-policy-binding', 'set-iam-policy'], privilege('grants a role on the resource to a member (allUsers: anyone)')),
  ssh: write('opens a shell on the instance, or runs --command', {
    options: [
      { names: ['--command'], value: 'required', role: SCRIPT },
      ...valued('--zone', '--ssh-key-file', '--ssh-flag', '--container', '--strict-host-key-checking'),
      ...flags('--tunnel-through-iap', '--internal-ip', '--dry-run'),
    ],
  }),
  'add-metadata': write('adds instance or project metadata', {
    when: [
      {
        options: [{ name: '--metadata', value: 'ssh-keys|sshKeys|startup-script' }],
        verb: verb('privilege', 'adds SSH keys or a startup script: a way in to the instances'),
      },
    ],
  }),
  'reset-windows-password': credential("resets a Windows user's password and prints it"),
};

const gcloudGroup = (own: Record<string, CommandSpec> = {}): CommandSpec => group(GCLOUD_VERBS, 4, own);

const FIREWALL_RULES = group(GCLOUD_VERBS, 1, {
  create: privilege('opens ports through the VPC firewall (from anywhere, unless source ranges are given)'),
  update: write('changes a firewall rule', {
    when: [
      { options: [{ name: '--source-ranges', value: ANYWHERE }], verb: verb('privilege', 'opens the firewall rule to the whole internet') },
    ],
  }),
});

const ALLOW_UNAUTHENTICATED = { names: ['--allow-unauthenticated'], verb: verb('privilege', 'lets anyone on the internet call it') };

const GCLOUD_PRODUCTS: Record<string, CommandSpec> = {
  auth: {
    subcommands: {
      ...aliases(['print-access-token', 'print-identity-token'], credential('prints an access or identity token')),
      'application-default': {
        subcommands: {
          'print-access-token': credential('prints an access token'),
          ...aliases(['login', 'revoke', 'set-quota-project'], write('changes application default credentials')),
        },
      },
      ...aliases(['list', 'describe'], read('lists accounts')),
      ...aliases(
        ['login', 'activate-service-account', 'revoke', 'configure-docker', 'enterprise-certificate-config'],
        write('changes the logged-in accounts'),
      ),
    },
  },
  config: {
    subcommands: {
      ...aliases(['list', 'get', 'get-value'], read('shows the configuration')),
      'config-helper': credential('prints the configuration with a fresh access token'),
      configurations: group(GCLOUD_VERBS, 1),
      ...aliases(['set', 'unset'], write('changes the configuration')),
    },
  },
  secrets: gcloudGroup({ versions: group(GCLOUD_VERBS, 1, { access: credential("prints the secret version's value") }) }),
  iam: gcloudGroup({
    'service-accounts': gcloudGroup({
      keys: group(GCLOUD_VERBS, 1, {
        create: credential('creates a service account key and writes its private key'),
        delete: write('deletes a service account key'),
      }),
    }),
  }),
  kms: gcloudGroup({ decrypt: credential('prints decrypted plaintext'), 'asymmetric-decrypt': credential('prints decrypted plaintext') }),
  compute: gcloudGroup({ 'firewall-rules': FIREWALL_RULES }),
  run: gcloudGroup({ deploy: write('deploys a service', { options: [ALLOW_UNAUTHENTICATED] }) }),
  functions: gcloudGroup({ deploy: write('deploys a function', { options: [ALLOW_UNAUTHENTICATED] }) }),
  sql: gcloudGroup({
    instances: group(GCLOUD_VERBS, 1, {
      ...aliases(
        ['patch', 'create'],
        write('creates or changes a database instance', {
          when: [
            {
              options: [{ name: '--authorized-networks', value: '0\\.0\\.0\\.0/0' }],
              verb: verb('privilege', 'lets the whole internet connect to the database'),
            },
          ],
        }),
      ),
    }),
  }),
  storage: gcloudGroup({
    rm: write('deletes objects', {
      options: flags(['-r', '-R', '--recursive'], ['-a', '--all-versions']),
      when: [{ options: [{ name: '--recursive' }], verb: verb('destroy', 'deletes every object under the prefix') }],
    }),
    ...aliases(
      ['cp', 'mv', 'rsync'],
      write('copies objects', {
        when: [
          {
            options: [{ name: '--predefined-acl', value: '^public' }],
            verb: verb('privilege', 'makes the copied objects readable by anyone'),
          },
        ],
      }),
    ),
    objects: group(GCLOUD_VERBS, 1, {
      update: write('changes objects', {
        when: [
          { options: [{ name: '--predefined-acl', value: '^public' }], verb: verb('privilege', 'makes the objects readable by anyone') },
        ],
      }),
    }),
    buckets: group(GCLOUD_VERBS, 1, {
      update: write('changes a bucket', {
        when: [
          { options: [{ name: '--predefined-acl', value: '^public' }], verb: verb('privilege', 'makes the bucket readable by anyone') },
          {
            options: [{ name: '--predefined-default-object-acl', value: '^public' }],
            verb: verb('privilege', 'makes new objects readable by anyone'),
          },
        ],
      }),
    }),
  }),
  ...aliases(['organizations', 'resource-manager'], gcloudGroup()),
  ...aliases(['init', 'components', 'feedback', 'survey', 'emulators', 'docker'], write('sets up gcloud')),
  ...aliases(['info', 'version', 'help', 'topic', 'cheat-sheet'], read('shows gcloud')),
  '*': gcloudGroup(),
};

const GCLOUD_GLOBALS: OptionDecl[] = [
  ...valued(
    '--project',
    '--account',
    '--configuration',
    '--format',
    '--verbosity',
    '--impersonate-service-account',
    '--billing-project',
    '--flags-file',
    '--flatten',
    '--trace-token',
    '--access-token-file',
    '--region',
    '--zone',
    '--location',
    '--filter',
    '--limit',
    '--page-size',
    '--sort-by',
    '--member',
    '--role',
    '--condition',
    '--source-ranges',
    '--predefined-acl',
    '--predefined-default-object-acl',
    '--authorized-networks',
    '--metadata',
    '--secret',
    '--image',
    '--platform',
    '--service-account',
    '--network',
    '--allow',
    '--rules',
    '--target-tags',
    '--description',
    '--machine-type',
    '--cluster',
    '--instance',
    '--database',
    '--data-file',
    '--runtime',
    '--entry-point',
  ),
  ...flags(
    ['-q', '--quiet'],
    '--log-http',
    '--user-output-enabled',
    '--no-user-output-enabled',
    '--async',
    '--trigger-http',
    '--no-allow-unauthenticated',
  ),
  ...harmless(['-h', '--help'], '--version'),
];

/** `gcloud alpha|beta|preview …`: the same products. */
const GCLOUD_TRACK: CommandSpec = { subcommands: { ...GCLOUD_PRODUCTS } };

// ---------------------------------------------------------------- az

const AZ_VERBS: Record<string, CommandSpec> = {
  ...aliases(
    ['list', 'show', 'list-*', 'show-*', 'get-*', 'wait', 'exists', 'check-*', 'query', 'browse', 'download', 'tail', 'logs'],
    read('shows resources'),
  ),
  ...aliases(
    [
      'create',
      'update',
      'set',
      'add',
      'remove',
      'start',
      'stop',
      'restart',
      'deallocate',
      'redeploy',
      'resize',
      'scale',
      'import',
      'export',
      'invoke',
      'run',
      'upload',
      'upload-batch',
      'copy',
      'move',
      'sync',
      'enable',
      'disable',
      'login',
      'logout',
      'attach',
      'detach',
      'set-*',
      'add-*',
      'remove-*',
      'update-*',
      'create-*',
      'enable-*',
      'disable-*',
      'start-*',
      'stop-*',
      'assign',
      'unassign',
      'renew',
      'rotate',
      'restore',
      'recover',
      'config',
      'configure',
      'up',
      'ssh',
      'tunnel',
      'deploy',
      'swap',
      'failover',
      'promote',
      'install',
      'reset',
    ],
    write('creates or changes resources'),
  ),
  ...aliases(['delete', 'purge', 'delete-batch', 'reimage', 'delete-*'], destroy('deletes the resource and the data in it')),
  ...aliases(
    [
      'list-keys',
      'show-connection-string',
      'list-connection-strings',
      'generate-sas',
      'list-publishing-credentials',
      'list-publishing-profiles',
      'get-access-token',
      'list-secrets',
      'list-credentials',
    ],
    credential('prints access keys, connection strings or tokens'),
  ),
  keys: { subcommands: { ...aliases(['list', 'show'], credential('prints access keys')), '*': write('renews or changes keys') } },
  credential: {
    subcommands: {
      ...aliases(['show', 'list', 'reset', 'create'], credential('prints credentials, or new ones')),
      '*': write('changes credentials'),
    },
  },
  'run-command': {
    subcommands: {
      ...aliases(
        ['invoke', 'create'],
        write('runs a script on the machine', { options: [{ names: ['--scripts'], value: 'required', role: SCRIPT }] }),
      ),
      ...aliases(['list', 'show'], read('shows run commands')),
      '*': write('changes run commands'),
    },
  },
};

const azGroup = (own: Record<string, CommandSpec> = {}): CommandSpec => group(AZ_VERBS, 4, own);

const AZ_PRODUCTS: Record<string, CommandSpec> = {
  account: {
    subcommands: {
      'get-access-token': credential('prints an access token'),
      ...aliases(['show', 'list', 'list-locations', 'tenant', 'subscription', 'management-group'], read('shows accounts')),
      ...aliases(['set', 'clear', 'lock', 'alias'], write('changes the selected account')),
    },
  },
  keyvault: azGroup({
    secret: group(AZ_VERBS, 1, {
      ...aliases(['show', 'download', 'show-deleted'], credential("prints the secret's value")),
      delete: write('deletes a secret (recoverable until purged)'),
    }),
    certificate: group(AZ_VERBS, 1, { delete: write('deletes a certificate (recoverable until purged)') }),
    key: group(AZ_VERBS, 1, {
      ...aliases(['decrypt', 'unwrap'], credential('prints decrypted data')),
      delete: write('deletes a key (recoverable until purged)'),
    }),
    'set-policy': privilege("grants an identity access to the vault's secrets, keys or certificates"),
  }),
  role: azGroup({
    assignment: group(AZ_VERBS, 1, {
      create: privilege('grants a role (Owner, Contributor …) to an identity'),
      delete: write('removes a role assignment'),
    }),
    definition: group(AZ_VERBS, 1, {
      ...aliases(['create', 'update'], privilege('defines what a custom role may do')),
      delete: write('deletes a role definition'),
    }),
  }),
  ad: azGroup({
    sp: group(AZ_VERBS, 2, { 'create-for-rbac': credential('creates a service principal and prints its password') }),
    group: group(AZ_VERBS, 2, {
      member: group(AZ_VERBS, 1, { add: privilege('adds a member to a group and its access'), remove: write('removes a member') }),
      owner: group(AZ_VERBS, 1, { add: privilege('makes an identity owner of the group') }),
    }),
  }),
  storage: azGroup({
    blob: group(AZ_VERBS, 2, { delete: write('deletes a blob') }),
    container: group(AZ_VERBS, 2, {
      ...aliases(
        ['create', 'set-permission'],
        write('creates a container or sets its access', {
          when: [
            {
              options: [{ name: '--public-access', value: '^(blob|container)$' }],
              verb: verb('privilege', 'makes the blobs readable by anyone'),
            },
          ],
        }),
      ),
    }),
    account: group(AZ_VERBS, 2, {
      ...aliases(
        ['create', 'update'],
        write('creates or changes a storage account', {
          when: [
            {
              options: [{ name: '--allow-blob-public-access', value: '^(true|yes)?$' }],
              verb: verb('privilege', 'allows public access to the blobs'),
            },
          ],
        }),
      ),
    }),
  }),
  network: azGroup({
    nsg: group(AZ_VERBS, 2, {
      rule: group(AZ_VERBS, 1, {
        create: privilege('opens network access through the security group (from anywhere, unless sources are given)'),
        update: write('changes a rule', {
          when: [
            {
              options: [{ name: '--source-address-prefixes', value: ANYWHERE }],
              verb: verb('privilege', 'opens the rule to the whole internet'),
            },
          ],
        }),
      }),
    }),
  }),
  ...aliases(
    ['sql', 'postgres', 'mysql', 'mariadb', 'cosmosdb', 'redis'],
    azGroup({
      'firewall-rule': group(AZ_VERBS, 1, {
        create: privilege('opens the database server to an address range'),
        delete: write('removes a firewall rule'),
      }),
    }),
  ),
  acr: azGroup({
    login: write('logs in to the registry', {
      options: [{ names: ['--expose-token', '-t'], verb: verb('credential', 'prints a registry access token') }],
    }),
  }),
  rest: read('calls the Azure API', {
    options: valued(
      ['-m', '--method'],
      ['-u', '--url', '--uri'],
      ['-b', '--body'],
      '--headers',
      '--resource',
      '--uri-parameters',
      '--output-file',
    ),
    when: [
      { options: [{ name: '--method', value: '^(put|patch|post)$' }], verb: verb('write', 'changes resources through the API') },
      { options: [{ name: '--method', value: '^delete$' }], verb: verb('destroy', 'deletes resources through the API') },
    ],
  }),
  ...aliases(['login', 'logout', 'configure', 'extension', 'upgrade', 'init', 'interactive', 'bicep', 'cloud'], write('sets up the CLI')),
  ...aliases(['version', 'find', 'feedback', 'self-test'], read('shows the CLI')),
  '*': azGroup(),
};

const AZ_GLOBALS: OptionDecl[] = [
  ...valued(
    '--subscription',
    ['-o', '--output'],
    '--query',
    ['-g', '--resource-group'],
    ['-n', '--name'],
    ['-l', '--location'],
    '--ids',
    '--vault-name',
    '--account-name',
    '--container-name',
    '--assignee',
    '--role',
    '--scope',
    '--public-access',
    '--allow-blob-public-access',
    '--source-address-prefixes',
    '--nsg-name',
    '--server',
    '--command-id',
    '--image',
    '--size',
    '--tags',
  ),
  ...flags('--only-show-errors', '--debug', '--verbose', ['-y', '--yes'], '--no-wait'),
  ...harmless(['-h', '--help'], '--version'),
];

// ---------------------------------------------------------------- other providers

/** Providers whose commands read `GROUP… VERB` with `delete`/`rm` as the destroying verbs. */
const PROVIDER_VERBS: Record<string, CommandSpec> = {
  ...aliases(
    ['list', 'ls', 'get', 'show', 'describe', 'info', 'view', 'status', 'logs', 'inspect', 'history', 'metrics', 'wait'],
    read('shows resources'),
  ),
  ...aliases(
    [
      'create',
      'update',
      'set',
      'add',
      'remove',
      'start',
      'stop',
      'restart',
      'reboot',
      'resize',
      'scale',
      'enable',
      'disable',
      'attach',
      'detach',
      'assign',
      'unassign',
      'tag',
      'untag',
      'power-on',
      'power-off',
      'poweron',
      'poweroff',
      'shutdown',
      'upgrade',
      'import',
      'export',
      'apply',
      'deploy',
      'login',
      'logout',
      'use',
      'config',
      'init',
      'snapshot',
      'backup',
      'rename',
      'move',
    ],
    write('creates or changes resources'),
  ),
  ...aliases(
    ['delete', 'rm', 'remove-all', 'destroy', 'terminate', 'purge', 'rebuild', 'reinstall'],
    destroy('deletes the resource (or rebuilds it, wiping its disk) with the data in it'),
  ),
};
const providerGroup = (own: Record<string, CommandSpec> = {}, depth = 3): CommandSpec => group(PROVIDER_VERBS, depth, own);

const HTTP_METHODS_WRITE = [
  { options: [{ name: '--method', value: '^(put|patch|post)$' }], verb: verb('write' as const, 'changes resources through the API') },
  { options: [{ name: '--method', value: '^delete$' }], verb: verb('destroy' as const, 'deletes resources through the API') },
];

export const CLOUDS: ProgramSpec[] = [
  abbreviable({
    names: ['aws'],
    family: 'clouds',
    summary: 'AWS CLI: `aws SERVICE OPERATION`, the operation named for what it does (describe-, list-, delete-, put- …)',
    options: AWS_GLOBALS,
    subcommands: { ...AWS_SERVICES, '*': awsService() },
    examples: {
      block: [
        'aws iam attach-user-policy --user-name me --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
        'aws iam create-access-key --user-name ci',
        'aws sts get-session-token',
        'aws sts assume-role --role-arn arn:aws:iam::1:role/admin --role-session-name x',
        'aws secretsmanager get-secret-value --secret-id prod/db',
        'aws ssm get-parameter --name /prod/db/pass --with-decryption',
        'aws ssm get-parameter --name /prod/db/pass --with-decr',
        'aws ecr get-login-password --region eu-west-1',
        'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0',
        'aws s3api put-bucket-acl --bucket site --acl public-read',
        'aws s3api put-object --bucket site --key index.html --body index.html --acl public-read',
        'aws s3api put-bucket-policy --bucket site --policy file://p.json',
        'aws s3api delete-public-access-block --bucket site',
        'aws organizations create-account --email a@x.io --account-name x',
        'aws lambda delete-function --function-name api',
        'aws logs delete-log-group --log-group-name /aws/lambda/api',
        'aws ecr batch-delete-image --repository-name app --image-ids imageTag=latest',
        'aws iam delete-role --role-name app',
        'aws sqs purge-queue --queue-url q',
        'aws s3 rb s3://empty-bucket',
        'aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch \'{"Changes":[{"Action":"DELETE"}]}\'',
        'aws ses send-email --from a@x.io --destination ToAddresses=b@y.io --message file://m.json',
        'aws sns publish --topic-arn arn:aws:sns:eu-west-1:1:alerts --message hi',
        'aws eks get-token --cluster-name prod',
        'aws ecs execute-command --cluster c --task t --interactive --command "rm -rf /data"',
        'aws --profile prod rds delete-db-instance --db-instance-identifier db --skip-final-snapshot',
        'aws ec2 create-key-pair --key-name k',
        'aws configure export-credentials --format env',
      ],
      allow: [
        'aws s3 ls',
        'aws s3 ls s3://bucket/prefix/ --recursive',
        'aws sts get-caller-identity',
        'aws ec2 describe-instances --filters Name=tag:env,Values=prod',
        'aws iam list-users',
        'aws ssm get-parameter --name /prod/region',
        'aws sqs delete-message --queue-url q --receipt-handle r',
        'aws s3 cp dist/ s3://site/ --recursive',
        'aws logs tail /aws/lambda/api --follow',
        'aws ec2 describe-security-groups',
        'aws ec2 run-instances --image-id ami-1 --dry-run',
        'aws ec2 delete-tags --resources i-1 --tags Key=x',
        'aws dynamodb scan --table-name t',
        'aws cloudformation deploy --template-file t.yml --stack-name app',
        'aws lambda invoke --function-name api out.json',
        'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 10.0.0.0/8',
        'aws configure list',
        'aws ecr describe-repositories',
        'aws s3api get-bucket-acl --bucket site',
      ],
    },
  }),
  {
    names: ['gcloud'],
    family: 'clouds',
    summary: 'Google Cloud CLI: `gcloud PRODUCT GROUP… VERB`',
    options: GCLOUD_GLOBALS,
    subcommands: { ...GCLOUD_PRODUCTS, ...aliases(['alpha', 'beta', 'preview'], GCLOUD_TRACK) },
    examples: {
      block: [
        'gcloud auth print-access-token',
        'gcloud auth application-default print-access-token',
        'gcloud secrets versions access latest --secret=db-password',
        'gcloud projects add-iam-policy-binding my-proj --member=user:x@y.io --role=roles/owner',
        'gcloud storage buckets add-iam-policy-binding gs://site --member=allUsers --role=roles/storage.objectViewer',
        'gcloud compute firewall-rules create allow-ssh --allow tcp:22 --source-ranges 0.0.0.0/0',
        'gcloud iam service-accounts keys create key.json --iam-account ci@p.iam.gserviceaccount.com',
        'gcloud run deploy api --image gcr.io/p/api --allow-unauthenticated',
        'gcloud pubsub topics delete events',
        "gcloud compute ssh vm-1 --command 'rm -rf ~'",
        'gcloud beta run services delete api',
        'gcloud sql instances patch db --authorized-networks=0.0.0.0/0',
        'gcloud config config-helper --format=json',
        'gcloud kms decrypt --key k --keyring r --location global --ciphertext-file c --plaintext-file -',
      ],
      allow: [
        'gcloud config list',
        'gcloud config get-value project',
        'gcloud compute instances list',
        'gcloud projects describe my-proj',
        'gcloud auth list',
        'gcloud secrets list',
        'gcloud run deploy api --image gcr.io/p/api',
        'gcloud container clusters get-credentials prod --region europe-west1',
        "gcloud compute ssh vm-1 --command 'uptime'",
        'gcloud logging read "severity>=ERROR" --limit 20',
        'gcloud storage ls gs://bucket',
      ],
    },
  },
  {
    names: ['gsutil'],
    family: 'clouds',
    summary: 'Cloud Storage CLI (legacy)',
    options: [...valued('-o', '-h', '-u', '-i'), ...flags('-m', '-q', '-d', '-D', '-DD'), ...harmless('--help', '--version')],
    subcommands: {
      ...aliases(['ls', 'cat', 'stat', 'du', 'hash', 'version', 'help', 'signurl', 'rpo', 'ubla'], read('shows buckets or objects')),
      ...aliases(
        [
          'cp',
          'mv',
          'rsync',
          'mb',
          'setmeta',
          'compose',
          'rewrite',
          'lifecycle',
          'cors',
          'logging',
          'versioning',
          'web',
          'label',
          'retention',
          'kms',
          'notification',
          'requesterpays',
          'defstorageclass',
          'autoclass',
          'pap',
          'hmac',
          'config',
        ],
        write('copies objects or changes bucket settings'),
      ),
      rm: write('deletes objects', {
        options: flags(['-r', '-R'], '-a', '-f', '-I', '-e'),
        when: [
          { options: [{ name: '-r' }], verb: verb('destroy', 'deletes every object under the prefix') },
          { options: [{ name: '-a' }], verb: verb('destroy', 'deletes every version of the objects') },
        ],
      }),
      rb: destroy('deletes the bucket'),
      ...aliases(['acl', 'defacl'], {
        subcommands: {
          get: read('shows an access list'),
          ch: write('changes an access list', {
            options: [...valued(['-u'], ['-g'], ['-p'], ['-d']), ...flags('-R', '-r', '-f')],
            when: [
              { options: [{ name: '-u', value: EVERYONE }], verb: verb('privilege', 'grants everyone access') },
              { options: [{ name: '-g', value: EVERYONE }], verb: verb('privilege', 'grants everyone access') },
            ],
          }),
          set: write('sets an access list', {
            when: [
              {
                operand: '^public-read|^public-read-write|^authenticated-read',
                verb: verb('privilege', 'makes the bucket or objects readable by anyone'),
              },
            ],
          }),
        },
      }),
      iam: {
        subcommands: {
          get: read('shows the IAM policy'),
          ...aliases(
            ['ch', 'set'],
            write('changes the IAM policy', {
              when: [{ operand: EVERYONE, verb: verb('privilege', 'grants everyone a role on the bucket') }],
            }),
          ),
        },
      },
    },
    examples: {
      block: [
        'gsutil acl ch -u AllUsers:R gs://site/index.html',
        'gsutil iam ch allUsers:objectViewer gs://site',
        'gsutil defacl set public-read gs://site',
        'gsutil rm -a gs://b/data.csv',
      ],
      allow: ['gsutil ls gs://b', 'gsutil cp dist/* gs://site/', 'gsutil acl get gs://site', 'gsutil rm gs://b/tmp/file.txt'],
    },
  },
  {
    names: ['az'],
    family: 'clouds',
    summary: 'Azure CLI: `az GROUP… VERB`',
    options: AZ_GLOBALS,
    subcommands: AZ_PRODUCTS,
    examples: {
      block: [
        'az account get-access-token',
        'az keyvault secret show --vault-name kv --name db-password',
        'az role assignment create --assignee me@x.io --role Owner --scope /subscriptions/1',
        'az ad sp create-for-rbac --name ci',
        'az storage account keys list -n acct',
        'az storage account show-connection-string -n acct',
        'az storage container generate-sas -n c --account-name a --permissions rwdl --expiry 2030-01-01',
        'az network nsg rule create -g rg --nsg-name nsg -n ssh --priority 100 --destination-port-ranges 22',
        'az keyvault set-policy -n kv --upn x@y.io --secret-permissions get list',
        "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'rm -rf /var/lib/app'",
        'az acr login -n reg --expose-token',
        'az cosmosdb keys list -n db -g rg',
        'az webapp delete -n app -g rg',
        'az rest --method delete --url https://management.azure.com/subscriptions/1/resourceGroups/rg?api-version=2021-04-01',
      ],
      allow: [
        'az account show',
        'az vm list -o table',
        'az group list',
        'az keyvault secret list --vault-name kv',
        'az aks get-credentials -g rg -n aks',
        'az role assignment list --assignee me@x.io',
        'az storage blob upload -f a.txt -c c -n a.txt --account-name acct',
        'az rest --url https://management.azure.com/subscriptions?api-version=2020-01-01',
        "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'uptime'",
      ],
    },
  },
  {
    names: ['doctl'],
    family: 'clouds',
    summary: 'DigitalOcean CLI',
    options: [
      ...valued(
        ['-t', '--access-token'],
        ['-c', '--config'],
        ['-o', '--output'],
        '--context',
        ['-u', '--api-url'],
        '--format',
        '--inbound-rules',
        '--outbound-rules',
      ),
      ...flags('--trace', ['-v', '--verbose'], '--no-header', ['-f', '--force'], '--interactive'),
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      compute: providerGroup({
        ssh: write('opens a shell on the droplet, or runs --ssh-command', {
          options: [{ names: ['--ssh-command'], value: 'required', role: SCRIPT }, ...valued('--ssh-key-path', '--ssh-user', '--ssh-port')],
        }),
        firewall: providerGroup(
          {
            ...aliases(
              ['create', 'add-rules', 'update'],
              write('changes a firewall', {
                when: [
                  {
                    options: [{ name: '--inbound-rules', value: 'address:0\\.0\\.0\\.0/0|address:::/0' }],
                    verb: verb('privilege', 'opens the firewall to the whole internet'),
                  },
                ],
              }),
            ),
          },
          1,
        ),
      }),
      kubernetes: providerGroup({
        cluster: providerGroup(
          {
            kubeconfig: {
              subcommands: { show: credential("prints the cluster's kubeconfig with its credentials"), '*': write('saves the kubeconfig') },
            },
          },
          2,
        ),
      }),
      databases: providerGroup({
        connection: credential('prints the connection details with the password'),
        user: providerGroup({ ...aliases(['get', 'reset'], credential("prints a database user's password")) }, 1),
      }),
      registry: providerGroup({
        'docker-config': credential('prints registry credentials'),
        login: write('logs Docker in to the registry'),
      }),
      ...aliases(
        ['auth', 'account', 'balance', 'invoice', 'projects', 'apps', 'monitoring', 'vpcs', 'serverless', 'spaces', '1-click', 'genai'],
        providerGroup(),
      ),
      ...aliases(['version', 'completion'], read('shows doctl')),
    },
    examples: {
      block: [
        'doctl compute droplet delete web-1 --force',
        'doctl kubernetes cluster delete prod',
        'doctl kubernetes cluster kubeconfig show prod',
        'doctl databases connection 9cc1',
        "doctl compute ssh web-1 --ssh-command 'rm -rf ~'",
        'doctl compute volume delete vol-1 --force',
      ],
      allow: [
        'doctl compute droplet list',
        'doctl account get',
        'doctl kubernetes cluster kubeconfig save prod',
        'doctl apps list',
        'doctl registry login',
      ],
    },
  },
  {
    names: ['hcloud'],
    family: 'clouds',
    summary: 'Hetzner Cloud CLI',
    options: [
      ...valued('--context', '--config', '--endpoint', ['-o', '--output'], '--poll-interval', '--source-ips', '--rules-file'),
      ...flags('--quiet', '--debug'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      server: providerGroup(
        {
          ssh: write('opens a shell on the server, or runs the command given', {
            options: valued(['-u', '--user'], ['-p', '--port'], ['-i', '--identity-file']),
            operands: [DATA, { ...COMMAND, rest: true }],
          }),
          'reset-password': credential('resets the root password and prints it'),
          'request-console': credential('prints a console URL with its password'),
        },
        1,
      ),
      firewall: providerGroup(
        {
          ...aliases(
            ['add-rule', 'create', 'replace-rules'],
            write('changes a firewall', {
              when: [
                {
                  options: [{ name: '--source-ips', value: '0\\.0\\.0\\.0/0|::/0' }],
                  verb: verb('privilege', 'opens the firewall to the whole internet'),
                },
              ],
            }),
          ),
        },
        1,
      ),
      '*': providerGroup({}, 2),
      ...aliases(['version', 'completion'], read('shows hcloud')),
    },
    examples: {
      block: [
        'hcloud server delete web-1',
        'hcloud volume delete data',
        'hcloud server reset-password web-1',
        'hcloud server ssh web-1 rm -rf ~',
        'hcloud firewall add-rule fw --direction in --protocol tcp --port 22 --source-ips 0.0.0.0/0',
        'hcloud server rebuild web-1 --image ubuntu-24.04',
      ],
      allow: [
        'hcloud server list',
        'hcloud server describe web-1',
        'hcloud server create --name web-2 --type cx22 --image ubuntu-24.04',
        'hcloud server ssh web-1 uptime',
      ],
    },
  },
  abbreviable({
    names: ['linode-cli', 'lin'],
    family: 'clouds',
    summary: 'Akamai/Linode CLI: `linode-cli GROUP ACTION`',
    options: [
      ...valued('--as-user', '--profile', '--format', '--api-version', '--page', '--page-size'),
      ...flags('--text', '--json', '--pretty', '--no-headers', '--all-columns', '--no-defaults', '--suppress-warnings', '--debug'),
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      '*': {
        subcommands: {
          ...PROVIDER_VERBS,
          ...aliases(
            [
              'kubeconfig-view',
              'mysql-creds-view',
              'postgresql-creds-view',
              'keys-create',
              'token-create',
              'tokens-create',
              'creds-view',
              'credentials-view',
            ],
            credential('prints credentials, a kubeconfig or a new key'),
          ),
          '*': write('calls an action that creates or changes resources'),
        },
      },
    },
    examples: {
      block: [
        'linode-cli linodes delete 123',
        'linode-cli linodes rebuild 123 --image linode/debian12 --root_pass x',
        'linode-cli lke kubeconfig-view 42',
        'linode-cli object-storage keys-create --label ci',
      ],
      allow: ['linode-cli linodes list', 'linode-cli linodes view 123', 'linode-cli regions list'],
    },
  }),
  {
    names: ['vultr-cli'],
    family: 'clouds',
    summary: 'Vultr CLI',
    options: [...valued('--config', ['-o', '--output']), ...harmless(['-h', '--help'])],
    subcommands: { ...aliases(['version'], read('shows the version')), '*': providerGroup({}, 2) },
    examples: {
      block: ['vultr-cli instance delete 3f2a', 'vultr-cli database delete db-1'],
      allow: ['vultr-cli instance list', 'vultr-cli account'],
    },
  },
  {
    names: ['scw'],
    family: 'clouds',
    summary: 'Scaleway CLI',
    options: [
      ...valued(['-p', '--profile'], ['-c', '--config'], ['-o', '--output']),
      ...flags(['-D', '--debug']),
      ...harmless(['-h', '--help']),
    ],
    subcommands: {
      ...aliases(['version', 'info', 'feedback'], read('shows scw')),
      k8s: providerGroup(
        {
          kubeconfig: {
            subcommands: { get: credential("prints the cluster's kubeconfig with its credentials"), '*': write('installs the kubeconfig') },
          },
        },
        2,
      ),
      '*': group({ ...PROVIDER_VERBS, access: credential("prints the secret version's value") }, 3),
    },
    examples: {
      block: [
        'scw instance server delete 11111111-1111-1111-1111-111111111111 with-volumes=all',
        'scw k8s cluster delete 1111',
        'scw k8s kubeconfig get 1111',
        'scw secret version access 1111 revision=latest',
      ],
      allow: ['scw instance server list', 'scw k8s cluster list', 'scw config get default-region'],
    },
  },
  {
    names: ['civo'],
    family: 'clouds',
    summary: 'Civo cloud CLI',
    options: [
      ...valued(['-o', '--output'], ['-f', '--fields'], '--region', '--config'),
      ...flags(['-y', '--yes'], '--pretty'),
      ...harmless(['-h', '--help']),
    ],
    subcommands: {
      kubernetes: providerGroup({ config: credential("prints the cluster's kubeconfig with its credentials") }, 1),
      ...aliases(['version', 'completion'], read('shows civo')),
      '*': providerGroup({}, 2),
    },
    examples: {
      block: ['civo instance delete web-1 -y', 'civo kubernetes config prod'],
      allow: ['civo instance list', 'civo kubernetes list', 'civo kubernetes create dev'],
    },
  },
  abbreviable({
    names: ['openstack'],
    family: 'clouds',
    summary: 'OpenStack client: `openstack RESOURCE VERB`',
    options: [
      ...valued(
        '--os-cloud',
        '--os-auth-url',
        '--os-project-name',
        '--os-project-id',
        '--os-username',
        '--os-password',
        '--os-region-name',
        '--os-token',
        '--os-auth-type',
        '--os-interface',
        '--os-identity-api-version',
        '--os-compute-api-version',
        '--os-domain-name',
        '--os-user-domain-name',
        '--os-project-domain-name',
        ['-f', '--format'],
        ['-c', '--column'],
        '--remote-ip',
        '--dst-port',
        '--protocol',
      ),
      ...flags('--insecure', ['-v', '--verbose'], ['-q', '--quiet'], '--debug'),
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      token: { subcommands: { issue: credential('prints a new authentication token'), revoke: write('revokes a token') } },
      ec2: {
        subcommands: {
          credentials: {
            subcommands: {
              ...aliases(['create', 'list', 'show'], credential('prints EC2-style access and secret keys')),
              delete: write('deletes EC2 credentials'),
            },
          },
        },
      },
      application: {
        subcommands: {
          credential: {
            subcommands: {
              create: credential('creates an application credential and prints its secret'),
              ...aliases(['list', 'show'], read('shows application credentials')),
              delete: write('deletes an application credential'),
            },
          },
        },
      },
      role: {
        subcommands: {
          add: privilege('grants a role to a user or group on a project'),
          remove: write('removes a role assignment'),
          ...aliases(['list', 'show'], read('shows roles')),
          '*': write('changes roles'),
        },
      },
      security: {
        subcommands: {
          group: {
            subcommands: {
              rule: {
                subcommands: {
                  create: privilege('opens the security group (to anywhere, unless a remote IP or group is given)'),
                  ...aliases(['list', 'show'], read('shows rules')),
                  delete: write('removes a rule'),
                },
              },
              '*': providerGroup({}, 1),
            },
          },
        },
      },
      ...aliases(
        [
          'server',
          'volume',
          'image',
          'network',
          'subnet',
          'router',
          'port',
          'project',
          'user',
          'stack',
          'container',
          'object',
          'share',
          'database',
          'loadbalancer',
          'floating',
          'keypair',
          'snapshot',
          'zone',
          'recordset',
          'secret',
          'coe',
        ],
        providerGroup({ ssh: write('opens a shell on the server'), resize: write('resizes') }, 2),
      ),
      ...aliases(
        ['catalog', 'module', 'versions', 'extension', 'limits', 'quota', 'usage', 'command', 'configuration', 'complete'],
        read('shows the cloud'),
      ),
    },
    examples: {
      block: [
        'openstack server delete web-1',
        'openstack token issue',
        'openstack ec2 credentials create',
        'openstack role add --user bob --project prod admin',
        'openstack security group rule create --remote-ip 0.0.0.0/0 --dst-port 22 default',
      ],
      allow: [
        'openstack server list',
        'openstack server show web-1',
        'openstack image list',
        'openstack server create --flavor m1.small --image ubuntu web-2',
      ],
    },
  }),
  {
    names: ['oci'],
    family: 'clouds',
    summary: 'Oracle Cloud Infrastructure CLI: `oci SERVICE RESOURCE ACTION`',
    options: [
      ...valued(
        '--profile',
        '--config-file',
        '--region',
        '--auth',
        '--endpoint',
        ['--output'],
        '--query',
        '--generate-param-json-input',
        '--from-json',
        '--cli-rc-file',
        '--wait-for-state',
      ),
      ...flags('--debug', '--no-retry', '--force', '--raw-output', '--all', '--empty'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      iam: providerGroup(
        {
          ...aliases(
            ['auth-token', 'customer-secret-key', 'smtp-credential', 'api-key'],
            providerGroup({ create: credential('creates a credential and prints its secret'), upload: write('uploads a public key') }, 1),
          ),
          policy: providerGroup({ ...aliases(['create', 'update'], privilege('grants permissions through a policy statement')) }, 1),
        },
        2,
      ),
      secrets: providerGroup(
        {
          'secret-bundle': providerGroup({ ...aliases(['get', 'get-secret-bundle-by-name'], credential("prints the secret's value")) }, 1),
        },
        2,
      ),
      ce: providerGroup(
        {
          cluster: providerGroup(
            {
              'create-kubeconfig': write('writes the cluster to the kubeconfig'),
              'generate-token': credential('prints a token for the cluster'),
            },
            1,
          ),
        },
        2,
      ),
      '*': providerGroup({}, 3),
    },
    examples: {
      block: [
        'oci compute instance terminate --instance-id ocid1.instance.oc1..x --force',
        'oci os bucket delete --bucket-name data --empty --force',
        'oci iam auth-token create --user-id ocid1.user.oc1..x --description ci',
        'oci secrets secret-bundle get --secret-id ocid1.vaultsecret.oc1..x',
      ],
      allow: ['oci compute instance list -c ocid1.compartment.oc1..x', 'oci os object list --bucket-name data', 'oci iam region list'],
    },
  },
  {
    names: ['ibmcloud', 'ic'],
    family: 'clouds',
    summary: 'IBM Cloud CLI (commands named like resource-delete, api-key-create)',
    options: [
      ...valued(['-r', '--region'], ['-g', '--resource-group'], '--output'),
      ...flags(['-f', '--force'], ['-q', '--quiet']),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    verb: verb('read', 'shows or manages IBM Cloud resources'),
    when: [
      {
        operand: '(^|-)(delete|rm|remove|destroy|purge|reclaim-delete)$',
        verb: verb('destroy', 'deletes the resource and the data in it'),
      },
      {
        operand: '^(oauth-tokens|api-key-create|service-key-create|service-key|resource-service-key-create|resource-service-key)$',
        verb: verb('credential', 'prints a token, API key or service credentials'),
      },
      {
        operand: '(^|-)(create|update|add|set|bind|assign|start|stop|reboot|deploy|push|config|login|target)$',
        verb: verb('write', 'creates or changes resources'),
      },
      {
        operand:
          '^(user-policy-create|access-group-policy-create|service-policy-create|access-group-user-add|account-user-invite|user-invite)$',
        verb: verb('privilege', 'grants access to a user, group or service'),
      },
    ],
    examples: {
      block: [
        'ibmcloud resource service-instance-delete db --recursive -f',
        'ibmcloud iam oauth-tokens',
        'ibmcloud iam api-key-create ci',
        'ibmcloud ks cluster rm --cluster prod -f',
        'ibmcloud iam user-policy-create bob@x.io --roles Administrator',
      ],
      allow: ['ibmcloud target', 'ibmcloud resource service-instances', 'ibmcloud ks cluster ls', 'ibmcloud iam users'],
    },
  },
  {
    names: ['flyctl', 'fly'],
    family: 'clouds',
    summary: 'Fly.io CLI',
    options: [
      ...valued(['-a', '--app'], ['-c', '--config'], ['-t', '--access-token'], ['-o', '--org'], ['-r', '--region']),
      ...flags('--verbose', ['-j', '--json'], ['-y', '--yes'], '--debug'),
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      ...aliases(['destroy', 'delete'], destroy('deletes the app with its machines, volumes and secrets')),
      ...aliases(
        ['apps', 'app'],
        providerGroup({ ...aliases(['destroy', 'delete'], destroy('deletes the app with its machines, volumes and secrets')) }, 1),
      ),
      ...aliases(
        ['volumes', 'volume', 'vol'],
        providerGroup({ ...aliases(['destroy', 'delete'], destroy('deletes the volume and the data on it')) }, 1),
      ),
      ...aliases(
        ['machine', 'machines', 'm'],
        providerGroup(
          {
            ...aliases(['destroy', 'remove', 'rm'], destroy('deletes the machine and its root filesystem')),
            exec: write('runs a command on the machine', { operands: [DATA, { ...SCRIPT, rest: 'joined' }] }),
          },
          1,
        ),
      ),
      ssh: {
        subcommands: {
          console: write('opens a shell on a machine, or runs --command', {
            options: [
              { names: ['-C', '--command'], value: 'required', role: SCRIPT },
              ...valued(['-A', '--address'], ['-u', '--user'], '--machine'),
              ...flags(['-s', '--select'], '--pty', ['-q', '--quiet']),
            ],
          }),
          ...aliases(['issue', 'log', 'sftp'], write('issues SSH certificates or copies files')),
        },
      },
      auth: {
        subcommands: {
          token: credential('prints the API token'),
          ...aliases(['whoami'], read('shows the account')),
          '*': write('logs in or out'),
        },
      },
      tokens: {
        subcommands: {
          ...aliases(
            ['create', 'deploy', 'org', 'readonly', 'machine-exec', 'ssh', 'literal'],
            credential('creates a token and prints it'),
          ),
          ...aliases(['list'], read('lists tokens')),
          '*': write('revokes tokens'),
        },
      },
      secrets: { subcommands: { ...aliases(['list', 'ls'], read('lists secret names')), '*': write('sets or removes secrets') } },
      ...aliases(
        [
          'postgres',
          'pg',
          'mpg',
          'redis',
          'tigris',
          'storage',
          'mysql',
          'ext',
          'extensions',
          'orgs',
          'certs',
          'ips',
          'regions',
          'wireguard',
          'litefs-cloud',
          'consul',
          'mcp',
        ],
        providerGroup({}, 2),
      ),
      ...aliases(
        [
          'status',
          'logs',
          'open',
          'releases',
          'checks',
          'config',
          'image',
          'dashboard',
          'doctor',
          'version',
          'platform',
          'agent',
          'docs',
          'info',
          'monitor',
        ],
        read('shows the app'),
      ),
      ...aliases(
        ['deploy', 'launch', 'proxy', 'console', 'restart', 'resume', 'suspend', 'move', 'vm', 'scale'],
        write('deploys, scales or restarts the app'),
      ),
    },
    examples: {
      block: [
        'fly apps destroy shop -y',
        'flyctl destroy shop --yes',
        'fly volumes destroy vol_123 -y',
        'fly auth token',
        'fly tokens create deploy',
        "fly ssh console -C 'rm -rf /data'",
      ],
      allow: ['fly status', 'fly logs -a shop', 'fly deploy', 'fly secrets list', 'fly apps list', "fly ssh console -C 'ls /data'"],
    },
  },
  {
    names: ['heroku'],
    family: 'clouds',
    summary: 'Heroku CLI (`topic:command`)',
    options: [
      ...valued(['-a', '--app'], ['-r', '--remote'], '--confirm', ['-t', '--team'], ['-s', '--space']),
      ...flags(['-x', '--extended'], ['-j', '--json'], '--shell', ['-f', '--force']),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      ...aliases(
        [
          'apps:destroy',
          'destroy',
          'apps:delete',
          'addons:destroy',
          'addons:remove',
          'pg:reset',
          'pg:backups:restore',
          'pg:copy',
          'pg:backups:delete',
          'spaces:destroy',
        ],
        destroy('deletes an app, add-on or database, or overwrites a database with other data'),
      ),
      ...aliases(
        [
          'config',
          'config:get',
          'pg:credentials',
          'pg:credentials:url',
          'auth:token',
          'authorizations:create',
          'redis:credentials',
          'kafka:credentials',
        ],
        credential('prints config vars (database URLs, API keys) or a token'),
      ),
      ...aliases(
        [
          'access:add',
          'access:update',
          'members:add',
          'members:set',
          'apps:transfer',
          'pipelines:transfer',
          'spaces:transfer',
          'spaces:trusted-ips:add',
          'authorizations:rotate',
        ],
        privilege('grants a user access to the app, or transfers it'),
      ),
      ...aliases(
        ['run', 'run:detached', 'run:inside'],
        write('runs a command in a one-off dyno', {
          options: [
            ...valued(['-s', '--size'], ['-e', '--env'], '--type'),
            ...flags(['-x', '--exit-code'], '--no-tty', '--no-notify', '--no-launcher'),
          ],
          operands: [{ ...SCRIPT, rest: 'joined' }],
        }),
      ),
      'pg:psql': write('opens psql on the database, or runs --command', {
        options: [
          { names: ['-c', '--command'], value: 'required', role: { kind: 'sql', dialect: 'postgresql' } },
          { names: ['-f', '--file'], value: 'required', role: { kind: 'sql-file', dialect: 'postgresql' } },
          ...valued('--credential'),
        ],
      }),
      ...aliases(
        [
          'apps',
          'apps:info',
          'info',
          'logs',
          'ps',
          'releases',
          'releases:info',
          'addons',
          'addons:info',
          'pg',
          'pg:info',
          'pg:diagnose',
          'pg:ps',
          'pg:backups',
          'domains',
          'status',
          'whoami',
          'regions',
          'stack',
          'features',
          'labs',
          'access',
          'members',
          'teams',
          'pipelines',
          'buildpacks',
          'certs',
          'drains',
          'webhooks',
          'spaces',
          'help',
          'version',
          'plugins',
          'maintenance',
          'dyno:type',
          'apps:errors',
        ],
        read('shows apps, add-ons or the account'),
      ),
      '*': write('creates or changes apps, dynos, add-ons or settings'),
    },
    examples: {
      block: [
        'heroku apps:destroy shop --confirm shop',
        'heroku pg:reset DATABASE_URL -a shop --confirm shop',
        'heroku pg:backups:restore b101 DATABASE_URL -a shop',
        'heroku config -a shop',
        'heroku config:get DATABASE_URL -a shop',
        'heroku auth:token',
        'heroku access:add x@y.io -a shop',
        "heroku run 'rm -rf /app' -a shop",
        "heroku pg:psql -a shop -c 'DROP TABLE users'",
      ],
      allow: [
        'heroku apps',
        'heroku logs --tail -a shop',
        'heroku ps -a shop',
        'heroku ps:scale web=2 -a shop',
        'heroku releases:rollback v102 -a shop',
        'heroku run rails db:migrate:status -a shop',
        "heroku pg:psql -a shop -c 'SELECT count(*) FROM users'",
      ],
    },
  },
  {
    names: ['vercel', 'vc'],
    family: 'clouds',
    summary: 'Vercel CLI (with no command it deploys the folder)',
    options: [
      ...valued(
        ['-t', '--token'],
        ['-S', '--scope'],
        '--cwd',
        ['-A', '--local-config'],
        ['-Q', '--global-config'],
        ['-e', '--env'],
        ['-b', '--build-env'],
        ['-m', '--meta'],
        '--archive',
        '--regions',
        '--target',
      ),
      ...flags(
        '--debug',
        ['-y', '--yes'],
        '--prod',
        '--prebuilt',
        ['-f', '--force'],
        '--public',
        '--no-wait',
        '--skip-domain',
        '--with-cache',
        '--logs',
      ),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    verb: verb('write', 'deploys the folder'),
    subcommands: {
      ...aliases(['remove', 'rm'], destroy('deletes deployments, or a whole project with every deployment')),
      ...aliases(['project', 'projects'], {
        subcommands: {
          ...aliases(['rm', 'remove'], destroy('deletes the project with every deployment and setting')),
          ...aliases(['ls', 'list', 'inspect'], read('lists projects')),
          '*': write('changes projects'),
        },
      }),
      env: {
        subcommands: {
          pull: credential("writes the project's environment variables, secrets included, to a local file"),
          ...aliases(['ls', 'list'], read('lists variable names')),
          '*': write('changes environment variables'),
        },
      },
      pull: credential('writes the project settings and environment variables, secrets included, to .vercel'),
      domains: {
        subcommands: {
          buy: publish('buys a domain: a payment'),
          ...aliases(['ls', 'list', 'inspect'], read('lists domains')),
          '*': write('changes domains'),
        },
      },
      ...aliases(['logs', 'inspect', 'ls', 'list', 'whoami', 'bisect', 'httpstat', 'open', 'help', 'curl'], read('shows deployments')),
      ...aliases(
        [
          'deploy',
          'promote',
          'rollback',
          'redeploy',
          'login',
          'logout',
          'link',
          'switch',
          'alias',
          'aliases',
          'certs',
          'dns',
          'integration',
          'git',
          'dev',
          'build',
          'telemetry',
          'teams',
          'init',
          'secrets',
          'blob',
          'target',
          'microfrontends',
          'cache',
          'guidance',
        ],
        write('deploys or changes the project or account'),
      ),
    },
    examples: {
      block: [
        'vercel remove my-app --yes',
        'vercel project rm my-app',
        'vercel env pull .env.local',
        'vercel pull --environment=production',
        'vercel domains buy example.dev',
      ],
      allow: ['vercel', 'vercel deploy --prod', 'vercel ls', 'vercel logs https://my-app.vercel.app', 'vercel env ls', 'vercel whoami'],
    },
  },
  {
    names: ['netlify', 'ntl'],
    family: 'clouds',
    summary: 'Netlify CLI (`topic:command`)',
    options: [
      ...valued(
        ['-a', '--auth'],
        ['-s', '--site'],
        '--filter',
        ['-d', '--dir'],
        ['-f', '--functions'],
        '--context',
        ['-m', '--message'],
        '--alias',
      ),
      ...flags('--debug', '--json', '--prod', '--force', '--build'),
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      'sites:delete': destroy('deletes the site with its deploys and settings'),
      ...aliases(['env:get', 'env:list'], credential('prints environment variables with their values')),
      api: read('calls the Netlify API by method name', {
        options: valued('--data'),
        when: [
          { operand: '^delete', verb: verb('destroy', 'deletes through the API') },
          {
            operand: '^(create|update|restore|provision|cancel|lock|unlock|put|upload|rollback|transfer|enable|disable)',
            verb: verb('write', 'changes through the API'),
          },
        ],
      }),
      ...aliases(
        [
          'status',
          'sites:list',
          'functions:list',
          'open',
          'open:site',
          'open:admin',
          'logs',
          'logs:deploy',
          'logs:function',
          'watch',
          'completion',
          'help',
          'blobs:get',
          'blobs:list',
          'env',
          'sites',
        ],
        read('shows sites or the account'),
      ),
      '*': write('deploys, builds or changes sites'),
    },
    examples: {
      block: [
        'netlify sites:delete 1234 --force',
        'netlify env:get STRIPE_SECRET_KEY',
        'netlify api deleteSite --data \'{"site_id":"1234"}\'',
      ],
      allow: ['netlify status', 'netlify deploy --prod', 'netlify sites:list', 'netlify api listSites'],
    },
  },
  {
    names: ['wrangler'],
    family: 'clouds',
    summary: 'Cloudflare Workers CLI (KV, R2, D1, Queues, Pages)',
    options: [
      ...valued(['-c', '--config'], ['-e', '--env'], '--cwd'),
      ...flags('--remote', '--local', '--preview', '--experimental-json-config', ['-y', '--yes']),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      delete: destroy('deletes the Worker with its routes and bindings'),
      ...aliases(['kv', 'kv:namespace', 'kv:key', 'kv:bulk'], {
        subcommands: {
          namespace: {
            subcommands: {
              delete: destroy('deletes the KV namespace with every key in it'),
              ...aliases(['list'], read('lists namespaces')),
              '*': write('creates or renames namespaces'),
            },
          },
          key: { subcommands: { ...aliases(['get', 'list'], read('reads keys')), '*': write('writes or deletes a key') } },
          bulk: { subcommands: { delete: destroy('deletes many keys at once'), '*': write('writes keys') } },
          delete: destroy('deletes the KV namespace, or keys'),
          ...aliases(['get', 'list'], read('reads keys or namespaces')),
          '*': write('writes keys'),
        },
      }),
      r2: {
        subcommands: {
          bucket: {
            subcommands: {
              delete: destroy('deletes the R2 bucket'),
              ...aliases(['list', 'info'], read('lists buckets')),
              '*': write('creates or changes buckets'),
            },
          },
          object: {
            subcommands: { get: read('downloads an object'), delete: write('deletes an object'), '*': write('uploads an object') },
          },
          '*': write('changes R2'),
        },
      },
      d1: {
        subcommands: {
          delete: destroy('deletes the D1 database with its data'),
          execute: write('runs SQL on the database', {
            options: [
              { names: ['--command'], value: 'required', role: { kind: 'sql', dialect: 'sqlite' } },
              { names: ['--file'], value: 'required', role: { kind: 'sql-file', dialect: 'sqlite' } },
              ...flags('--json'),
            ],
          }),
          ...aliases(['list', 'info', 'insights'], read('shows databases')),
          time: {
            subcommands: {
              restore: destroy('restores the database to an earlier time, replacing its data'),
              info: read('shows restore points'),
            },
          },
          '*': write('creates, migrates or exports databases'),
        },
      },
      ...aliases(['queues', 'vectorize', 'hyperdrive', 'pipelines', 'workflows', 'containers', 'secrets-store'], providerGroup({}, 2)),
      pages: {
        subcommands: {
          project: {
            subcommands: {
              delete: destroy('deletes the Pages project with its deployments'),
              list: read('lists projects'),
              '*': write('creates or changes projects'),
            },
          },
          '*': write('deploys or changes Pages'),
        },
      },
      secret: { subcommands: { list: read('lists secret names'), '*': write('sets or deletes secrets') } },
      ...aliases(
        [
          'deploy',
          'publish',
          'dev',
          'login',
          'logout',
          'init',
          'generate',
          'rollback',
          'versions',
          'deployments',
          'triggers',
          'types',
          'setup',
          'dispatch-namespace',
          'cert',
          'mtls-certificate',
          'ai',
          'email',
          'route',
        ],
        write('deploys or changes Workers'),
      ),
      ...aliases(['whoami', 'tail', 'docs', 'check', 'telemetry', 'complete'], read('shows the account or a Worker')),
    },
    examples: {
      block: [
        'wrangler delete --name api',
        'wrangler kv namespace delete --namespace-id 0f2a',
        'wrangler kv:namespace delete --binding CACHE',
        'wrangler r2 bucket delete assets',
        'wrangler d1 delete prod-db',
        "wrangler d1 execute prod-db --remote --command 'DROP TABLE users'",
      ],
      allow: [
        'wrangler deploy',
        'wrangler dev',
        'wrangler tail api',
        'wrangler secret put API_KEY',
        'wrangler kv key get --binding CACHE k',
        "wrangler d1 execute prod-db --remote --command 'SELECT count(*) FROM users'",
        'wrangler whoami',
      ],
    },
  },
  {
    names: ['fastly'],
    family: 'clouds',
    summary: 'Fastly CLI',
    options: [
      ...valued(['-s', '--service-id'], '--service-name', ['-t', '--token'], ['-o', '--profile'], '--endpoint', '--version'),
      ...flags(['-v', '--verbose'], '--accept-defaults', '--auto-yes', ['-d', '--debug-mode'], '--non-interactive', '--all'),
      ...harmless(['-h', '--help']),
    ],
    subcommands: {
      ...aliases(['service', 'kv-store', 'secret-store', 'config-store', 'dashboard'], providerGroup({}, 1)),
      profile: {
        subcommands: {
          token: credential('prints the API token of the profile'),
          ...aliases(['list', 'switch'], read('lists profiles')),
          '*': write('changes profiles'),
        },
      },
      'auth-token': {
        subcommands: {
          create: credential('creates an API token and prints it'),
          ...aliases(['list', 'describe'], read('lists tokens')),
          '*': write('deletes tokens'),
        },
      },
      purge: write('purges cached content (it is fetched from the origin again)'),
      ...aliases(
        ['whoami', 'version', 'log-tail', 'stats', 'ip-list', 'pops', 'update', 'doc', 'help'],
        read('shows the account or services'),
      ),
      '*': providerGroup({}, 2),
    },
    examples: {
      block: [
        'fastly service delete --service-id 7i6',
        'fastly kv-store delete --store-id x',
        'fastly profile token',
        'fastly auth-token create --name ci',
      ],
      allow: ['fastly service list', 'fastly whoami', 'fastly purge --all -s 7i6', 'fastly compute publish', 'fastly log-tail -s 7i6'],
    },
  },
  {
    names: ['firebase'],
    family: 'clouds',
    summary: 'Firebase CLI (`topic:command`)',
    options: [
      ...valued(['-P', '--project'], '--token', '--account', ['-c', '--config']),
      ...flags(
        '--non-interactive',
        '--interactive',
        '--debug',
        '--json',
        ['-f', '--force'],
        ['-r', '--recursive'],
        '--all-collections',
        '--shallow',
      ),
      ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    subcommands: {
      'firestore:delete': write('deletes a document', {
        when: [
          { options: [{ name: '--all-collections' }], verb: verb('destroy', 'deletes every collection and document in the database') },
          { options: [{ name: '--recursive' }], verb: verb('destroy', 'deletes the document or collection with everything under it') },
        ],
      }),
      ...aliases(
        [
          'database:remove',
          'firestore:databases:delete',
          'projects:delete',
          'apps:delete',
          'hosting:sites:delete',
          'storage:delete',
          'functions:delete',
        ],
        destroy('deletes data, a database, an app, a site or functions'),
      ),
      ...aliases(
        ['auth:export', 'functions:config:get', 'functions:secrets:access', 'login:ci', 'functions:secrets:get'],
        credential('prints user password hashes, runtime secrets or a CI token'),
      ),
      ...aliases(
        [
          'projects:list',
          'apps:list',
          'apps:sdkconfig',
          'database:get',
          'firestore:indexes',
          'remoteconfig:get',
          'hosting:channel:list',
          'functions:list',
          'functions:log',
          'open',
          'help',
          'login:list',
          'use',
        ],
        read('shows projects, apps or data'),
      ),
      '*': write('deploys, imports or changes Firebase resources'),
    },
    examples: {
      block: [
        'firebase firestore:delete --all-collections --force',
        'firebase firestore:delete users -r',
        'firebase database:remove / --force',
        'firebase auth:export users.json',
        'firebase functions:config:get',
        'firebase login:ci',
      ],
      allow: ['firebase deploy --only hosting', 'firebase emulators:start', 'firebase projects:list', 'firebase use prod'],
    },
  },
  abbreviable({
    names: ['s3cmd'],
    family: 'clouds',
    summary: 'S3 command-line client',
    options: [
      ...valued(
        ['-c', '--config'],
        '--access_key',
        '--secret_key',
        '--host',
        '--host-bucket',
        '--region',
        '--bucket-location',
        '--exclude',
        '--include',
        '--rexclude',
        '--rinclude',
        '--exclude-from',
        '--storage-class',
        '--mime-type',
        '--add-header',
        '--encoding',
        '--expiry-days',
        '--expiry-date',
        '--expiry-prefix',
        '--acl-grant',
        '--acl-revoke',
        '--multipart-chunk-size-mb',
        '--limit-rate',
      ),
      ...flags(
        ['-r', '--recursive'],
        ['-f', '--force'],
        '--delete-removed',
        '--delete-after',
        '--skip-existing',
        '--continue',
        ['-v', '--verbose'],
        ['-d', '--debug'],
        '--acl-private',
        '--no-check-md5',
        '--preserve',
        '--no-preserve',
        ['-H', '--human-readable-sizes'],
        '--list-md5',
        '--server-side-encryption',
        '--requester-pays',
        ['-q', '--quiet'],
        '--progress',
        '--no-progress',
      ),
      { names: ['-P', '--acl-public'], verb: verb('privilege', 'makes the objects or bucket readable by anyone') },
      { names: ['-n', '--dry-run'], harmless: true },
      ...harmless(['-h', '--help'], '--version'),
    ],
    subcommands: {
      rb: destroy('deletes the bucket (with --recursive, every object in it first)'),
      ...aliases(
        ['del', 'rm'],
        write('deletes objects', {
          when: [{ options: [{ name: '--recursive' }], verb: verb('destroy', 'deletes every object under the prefix') }],
        }),
      ),
      setpolicy: privilege('sets a bucket policy: who may read and write it'),
      setacl: write('sets access lists'),
      ...aliases(['ls', 'la', 'du', 'info', 'get', 'listmp', 'ws-info', 'cfinfo', 'signurl'], read('shows or downloads objects')),
      '*': write('uploads, copies or changes objects and buckets'),
    },
    examples: {
      block: [
        's3cmd rb --recursive s3://logs',
        's3cmd del -r s3://data/',
        's3cmd setacl --acl-public --recursive s3://site',
        's3cmd put -P report.pdf s3://b/',
      ],
      allow: [
        's3cmd ls s3://b',
        's3cmd put dist/app.js s3://b/',
        's3cmd del s3://b/old.txt',
        's3cmd sync --delete-removed dist/ s3://site/',
      ],
    },
  }),
  {
    names: ['supabase'],
    family: 'clouds',
    summary: 'Supabase CLI: local stack, linked projects, migrations',
    options: [
      ...valued('--workdir', '--project-ref', '--profile', ['-o', '--output'], '--db-url', '--network-id'),
      ...flags('--debug', '--linked', '--local', '--yes', '--experimental', '--create-ticket'),
      ...harmless(['-h', '--help'], ['-v', '--version']),
    ],
    subcommands: {
      db: {
        subcommands: {
          reset: destroy('drops the database and recreates it from the migrations: its data is gone'),
          ...aliases(['diff', 'lint', 'start'], read('inspects the database')),
          ...aliases(['push', 'pull', 'dump'], write('applies migrations to, or dumps, the database')),
        },
      },
      projects: {
        subcommands: {
          delete: destroy('deletes the hosted project with its database and storage'),
          'api-keys': credential("prints the project's API keys, service_role included"),
          list: read('lists projects'),
          create: write('creates a project'),
        },
      },
      branches: {
        subcommands: {
          delete: destroy('deletes the branch project with its database'),
          ...aliases(['list', 'get'], read('shows branches')),
          '*': write('changes branches'),
        },
      },
      storage: {
        subcommands: {
          rm: write('deletes objects', {
            options: flags(['-r', '--recursive']),
            when: [{ options: [{ name: '--recursive' }], verb: verb('destroy', 'deletes every object under the path') }],
          }),
          ...aliases(['ls'], read('lists objects')),
          '*': write('copies objects'),
        },
      },
      stop: write('stops the local stack (its data is kept)', {
        options: [{ names: ['--no-backup'], verb: verb('destroy', "deletes the local stack's database volumes") }, ...flags('--all')],
      }),
      secrets: { subcommands: { list: read('lists secret names and digests'), '*': write('sets or removes secrets') } },
      ...aliases(['status', 'gen', 'inspect', 'services', 'help', 'completion'], read('shows the stack or projects')),
      '*': write('starts, links, migrates or deploys'),
    },
    examples: {
      block: [
        'supabase db reset --linked',
        'supabase projects delete abcdefghijklmnop',
        'supabase projects api-keys --project-ref abcd',
        'supabase stop --no-backup',
      ],
      allow: [
        'supabase start',
        'supabase status',
        'supabase db push',
        'supabase migration new add_users',
        'supabase gen types typescript --local',
        'supabase stop',
      ],
    },
  },
  {
    names: ['railway'],
    family: 'clouds',
    summary: 'Railway CLI',
    options: [
      ...valued(['-s', '--service'], ['-e', '--environment']),
      ...flags('--json', ['-y', '--yes']),
      ...harmless(['-h', '--help'], ['-V', '--version']),
    ],
    subcommands: {
      ...aliases(['variables', 'vars', 'variable'], credential('prints the service variables with their values (database URLs, keys)')),
      ...aliases(['run', 'local'], write('runs a command with the service variables', { operands: [{ ...COMMAND, rest: true }] })),
      ...aliases(['volume', 'environment', 'env', 'service'], providerGroup({}, 1)),
      down: write('removes the latest deployment'),
      ...aliases(['logs', 'status', 'whoami', 'list', 'open', 'docs', 'help', 'completion'], read('shows the project')),
      '*': write('deploys, links or changes the project'),
    },
    examples: {
      block: ['railway variables', 'railway volume delete data', 'railway environment delete staging', 'railway run rm -rf ~'],
      allow: ['railway status', 'railway logs', 'railway up', 'railway run npm test'],
    },
  },
  {
    names: ['cf', 'cf7', 'cf8'],
    family: 'clouds',
    summary: 'Cloud Foundry CLI',
    options: harmless(['-h', '--help'], ['-v', '--version']),
    subcommands: {
      delete: destroy('deletes the app (with -r, its routes)'),
      ...aliases(
        ['delete-*', 'purge-service-instance', 'purge-service-offering'],
        destroy('deletes an org, space, service instance or other resource'),
      ),
      ssh: write('opens a shell in the app container, or runs -c', {
        options: [
          { names: ['-c', '--command'], value: 'required', role: SCRIPT },
          ...valued(['-i', '--app-instance-index'], '--process', ['-L']),
          ...flags(
            ['-N'],
            ['-t', '--request-pseudo-tty'],
            ['-T', '--disable-pseudo-tty'],
            '--skip-host-validation',
            '--skip-remote-execution',
          ),
        ],
      }),
      ...aliases(
        ['env', 'oauth-token', 'service-key'],
        credential('prints credentials: bound service credentials, a token or a service key'),
      ),
      ...aliases(
        [
          'set-space-role',
          'set-org-role',
          'bind-security-group',
          'bind-running-security-group',
          'bind-staging-security-group',
          'share-service',
          'share-private-domain',
          'enable-service-access',
          'enable-ssh',
          'allow-space-ssh',
        ],
        privilege('grants a role, access to a service or network access'),
      ),
      curl: read('calls the Cloud Controller API', {
        options: [...valued(['-X'], ['-H'], ['-d'])],
        when: [
          { options: [{ name: '-X', value: '^delete$' }], verb: verb('destroy', 'deletes through the API') },
          { options: [{ name: '-X', value: '^(put|post|patch)$' }], verb: verb('write', 'changes through the API') },
        ],
      }),
      ...aliases(
        [
          'apps',
          'app',
          'logs',
          'target',
          'services',
          'service',
          'marketplace',
          'spaces',
          'space',
          'orgs',
          'org',
          'routes',
          'domains',
          'events',
          'stacks',
          'buildpacks',
          'quotas',
          'security-groups',
          'help',
          'version',
          'api',
          'curl-get',
          'app-manifest',
          'feature-flags',
          'tasks',
          'space-users',
          'org-users',
        ],
        read('shows apps, spaces or services'),
      ),
      '*': write('pushes, scales or changes apps and services'),
    },
    examples: {
      block: [
        'cf delete shop -r -f',
        'cf delete-space prod -f',
        'cf purge-service-instance db -f',
        "cf ssh shop -c 'rm -rf /home/vcap/app'",
        'cf env shop',
        'cf oauth-token',
        'cf set-space-role bob acme prod SpaceDeveloper',
      ],
      allow: ['cf apps', 'cf app shop', 'cf logs shop --recent', 'cf push shop', 'cf target -o acme -s dev', "cf ssh shop -c 'ls'"],
    },
  },
];
