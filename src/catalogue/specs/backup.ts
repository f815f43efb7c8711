// Family: backup — backup tools and the storage clients they sync with. Listing snapshots and
// remote files stays allowed; creating backups and copying files are reversible writes; deleting
// or pruning snapshots, purging remote paths and syncing deletions to a destination destroy what
// may be the last copy; printing a repository key or a remote's configuration discloses credentials.
import type { CommandSpec, Effect, OptionDecl, ProgramSpec, Verb, VerbWhen } from '../spec.js';

const SCRIPT = { kind: 'script' } as const;
const COMMAND = { kind: 'command' } as const;

const verb = (effect: Effect, why: string): { verb: Verb } => ({ verb: { effect, why } });
const reads = (why: string): CommandSpec => verb('read', why);
const writes = (why: string): CommandSpec => verb('write', why);
const destroys = (why: string): CommandSpec => verb('destroy', why);
const when = (effect: Effect, why: string, options: VerbWhen['options'], operand?: string): VerbWhen => ({ ...(options ? { options } : {}), ...(operand ? { operand } : {}), verb: { effect, why } });
const valued = (...names: string[]): OptionDecl => ({ names, value: 'required' });
const flag = (...names: string[]): OptionDecl => ({ names });
const harmless = (...names: string[]): OptionDecl => ({ names, harmless: true });
const aka = (names: string[], level: CommandSpec): Record<string, CommandSpec> => Object.fromEntries(names.map((n) => [n, level]));
/** A value only known at run time counts as the risky one. */
const OR_DYNAMIC = '|.*\\$.*';

// ---- BorgBackup and borgmatic ----

const BORG: ProgramSpec = {
  names: ['borg'],
  family: 'backup',
  summary: 'BorgBackup: deduplicated, encrypted backup archives',
  options: [
    { names: ['--rsh'], value: 'required', role: SCRIPT }, valued('--remote-path'), valued('--lock-wait'), valued('--umask'), valued('--upload-ratelimit'), valued('--remote-ratelimit'), valued('--upload-buffer'),
    valued('--debug-topic'), valued('--debug-profile'), valued('-r', '--repo'), valued('--other-repo'), valued('-a', '--match-archives'), valued('--glob-archives'), valued('-P', '--prefix'), valued('--sort-by'),
    valued('--first'), valued('--last'), valued('--format'), valued('-e', '--exclude'), valued('--exclude-from'), valued('--pattern'), valued('--patterns-from'), valued('-C', '--compression'), valued('--comment'),
    valued('--keep-within'), valued('--keep-last', '--keep-secondly'), valued('--keep-minutely'), valued('-H', '--keep-hourly'), valued('-d', '--keep-daily'), valued('-w', '--keep-weekly'), valued('-m', '--keep-monthly'), valued('-y', '--keep-yearly'),
    flag('-v', '--verbose', '--info'), flag('--debug'), flag('--critical'), flag('--error'), flag('--warning'), flag('-p', '--progress'), flag('--log-json'), flag('--show-rc'), flag('--show-version'), flag('--bypass-lock'), flag('--iec'),
    flag('-s', '--stats'), flag('--list'), flag('--json'), flag('--force'),
    harmless('-n', '--dry-run'), harmless('-h', '--help'), harmless('-V', '--version'),
  ],
  env: { BORG_RSH: SCRIPT, BORG_PASSCOMMAND: SCRIPT, BORG_NEW_PASSCOMMAND: SCRIPT },
  subcommands: {
    ...aka(['init', 'rcreate', 'repo-create'], writes('creates a repository')),
    create: writes('creates an archive'),
    extract: writes('restores files from an archive, overwriting local files'),
    ...aka(['list', 'rlist', 'repo-list', 'info', 'rinfo', 'repo-info', 'diff', 'repo-space'], reads('shows repositories and archives')),
    check: { ...reads('checks a repository'), options: [flag('--repair')], when: [when('write', 'repairs a repository', [{ name: '--repair' }])] },
    delete: destroys('deletes archives (or the whole repository)'),
    ...aka(['rdelete', 'repo-delete'], destroys('deletes the whole repository')),
    prune: destroys('deletes archives outside the retention rules'),
    compact: destroys('frees the space of deleted archives for good'),
    recreate: destroys('rewrites archives, dropping excluded files'),
    rename: writes('renames an archive'),
    undelete: writes('restores soft-deleted archives'),
    mount: writes('mounts archives'), umount: writes('unmounts archives'),
    key: { subcommands: { export: verb('credential', 'exports the repository key'), import: writes('imports a repository key'), 'change-passphrase': writes('changes the passphrase'), change: writes('changes the passphrase'), 'change-location': writes('moves the key'), 'migrate-to-repokey': writes('moves the key into the repository') } },
    'export-tar': writes('writes an archive as a tarball'), 'import-tar': writes('creates an archive from a tarball'),
    'break-lock': writes('breaks a repository lock'),
    'with-lock': { ...writes('runs a command while holding the repository lock'), optionsFirst: true, operands: [{ kind: 'data' }, { ...COMMAND, rest: true }] },
    upgrade: writes('upgrades a repository'), transfer: writes('copies archives from another repository'), serve: writes('serves a repository'),
    config: writes('changes repository settings'), benchmark: writes('benchmarks by writing test data'), tag: writes('tags archives'),
  },
  examples: {
    block: ['borg delete /backups/repo::old-2023', 'borg prune --keep-daily 7 --keep-weekly 4 /backups/repo', 'borg compact /backups/repo', 'borg key export /backups/repo key.txt', 'borg with-lock /backups/repo rm -rf ~', "borg --rsh 'rm -rf ~' list ssh://h/repo"],
    allow: ['borg list /backups/repo', 'borg info /backups/repo::today', 'borg create /backups/repo::today ~/src', 'borg prune --dry-run --list --keep-daily 7 /backups/repo', 'borg check /backups/repo'],
  },
};

const BORGMATIC: ProgramSpec = {
  names: ['borgmatic'],
  family: 'backup',
  summary: 'borgmatic: runs configured Borg backups, retention and checks',
  ...destroys('runs the configured create, prune, compact and check actions: pruning deletes old archives'),
  options: [valued('-c', '--config'), valued('-v', '--verbosity'), valued('--syslog-verbosity'), valued('--log-file'), valued('--log-file-verbosity'), valued('--monitoring-verbosity'), valued('--override'), valued('--repository'), valued('-a', '--archive'), flag('--stats'), flag('--list'), flag('--json'), flag('--no-color'), harmless('-n', '--dry-run'), harmless('-h', '--help'), harmless('--version')],
  // Several actions may be given at once (`borgmatic create prune`).
  when: [when('destroy', 'deletes archives or repositories', undefined, '^(prune|compact|delete|rdelete|repo-delete|recreate)$')],
  subcommands: {
    ...aka(['init', 'rcreate', 'repo-create'], writes('creates a repository')),
    create: writes('creates an archive'),
    check: reads('checks repositories'),
    ...aka(['list', 'rlist', 'repo-list', 'info', 'rinfo', 'repo-info', 'config', 'spot'], reads('shows repositories, archives or configuration')),
    extract: writes('restores files from an archive'),
    restore: destroys('restores database dumps over the live databases'),
    'export-tar': writes('writes an archive as a tarball'),
    mount: writes('mounts archives'), umount: writes('unmounts archives'), 'break-lock': writes('breaks a repository lock'), bootstrap: writes('restores configuration from a repository'),
    transfer: writes('copies archives'), key: writes('manages repository keys'),
    borg: writes('runs a Borg command'),
    prune: destroys('deletes archives outside the retention rules'), compact: destroys('frees the space of deleted archives for good'),
    delete: destroys('deletes archives'), ...aka(['rdelete', 'repo-delete'], destroys('deletes a repository')), recreate: destroys('rewrites archives'),
  },
  examples: { block: ['borgmatic', 'borgmatic --verbosity 1 --stats', 'borgmatic prune', 'borgmatic create prune', 'borgmatic delete --archive old'], allow: ['borgmatic list', 'borgmatic check', 'borgmatic create --stats', 'borgmatic --dry-run'] },
};

// ---- restic ----

const RESTIC: ProgramSpec = {
  names: ['restic'],
  family: 'backup',
  summary: 'restic: encrypted, deduplicated snapshots in local or cloud repositories',
  options: [
    valued('-r', '--repo'), valued('--repository-file'), valued('-p', '--password-file'), { names: ['--password-command'], value: 'required', role: SCRIPT }, valued('--key-hint'), valued('--cache-dir'),
    valued('-o', '--option'), valued('--limit-upload'), valued('--limit-download'), valued('--pack-size'), valued('--compression'), valued('--cacert'), valued('--tls-client-cert'), valued('--stuck-request-timeout'),
    valued('--host', '-H'), valued('--tag'), valued('--path'), valued('-e', '--exclude'), valued('--iexclude'), valued('--exclude-file'), valued('--files-from'),
    valued('-i', '--include'), valued('--iinclude'), valued('-t', '--target'), valued('--max-unused'), valued('--max-repack-size'), valued('--read-data-subset'), valued('--retry-lock'), valued('--time'),
    flag('--no-cache'), flag('--no-lock'), flag('--insecure-tls'), flag('--json'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('--cleanup-cache'), flag('--no-extra-verify'), flag('--prune'),
    harmless('-n', '--dry-run'), harmless('-h', '--help'),
  ],
  env: { RESTIC_PASSWORD_COMMAND: SCRIPT },
  subcommands: {
    ...aka(['snapshots', 'ls', 'stats', 'find', 'diff', 'dump', 'version', 'list', 'features', 'options', 'check', 'generate', 'help'], reads('shows repositories, snapshots and files')),
    cat: { ...reads('prints repository objects'), when: [when('credential', 'prints the repository\'s master key', undefined, '^masterkey$')] },
    backup: writes('creates a snapshot'),
    init: writes('creates a repository'),
    restore: { ...writes('restores files from a snapshot, overwriting the target'), options: [flag('--delete'), flag('--overwrite'), flag('--verify')], when: [when('destroy', 'deletes files in the target that are not in the snapshot', [{ name: '--delete' }])] },
    forget: {
      ...destroys('removes snapshots (with --prune, their data too)'),
      options: [valued('--group-by', '-g'), valued('--keep-last', '-l'), valued('--keep-hourly'), valued('--keep-daily', '-d'), valued('--keep-weekly', '-w'), valued('--keep-monthly', '-m'), valued('--keep-yearly', '-y'), valued('--keep-within'), valued('--keep-tag'), flag('--unsafe-allow-remove-all')],
    },
    prune: destroys('deletes data no snapshot uses'),
    rewrite: { ...writes('rewrites snapshots'), options: [flag('--forget')], when: [when('destroy', 'removes the original snapshots', [{ name: '--forget' }])] },
    key: { subcommands: { list: reads('lists keys'), add: verb('privilege', 'adds a password that opens the repository'), remove: destroys('removes a key'), passwd: writes('changes the password') } },
    tag: writes('changes snapshot tags'), copy: writes('copies snapshots to another repository'), migrate: writes('migrates the repository'), mount: writes('mounts snapshots'),
    unlock: writes('removes stale locks'), recover: writes('recovers data'), repair: writes('repairs the repository'), 'self-update': writes('replaces the restic binary'), cache: writes('manages caches'),
  },
  examples: {
    block: ['restic -r /srv/backup forget --keep-daily 7 --prune', 'restic prune', 'restic key remove 4bc9a6', 'restic cat masterkey', "restic --password-command 'rm -rf ~' snapshots", 'restic restore latest --target ./out --delete'],
    allow: ['restic snapshots', 'restic -r s3:s3.amazonaws.com/b ls latest', 'restic backup ~/src', 'restic forget --keep-daily 7 --dry-run', 'restic restore latest --target /tmp/restore', 'restic check'],
  },
};

// ---- rclone ----

const RCLONE: ProgramSpec = {
  names: ['rclone'],
  family: 'backup',
  summary: 'rclone: files on cloud storage (copy, sync, mount, serve)',
  options: [
    valued('--config'), { names: ['--password-command'], value: 'required', role: SCRIPT }, { names: ['--sftp-ssh'], value: 'required', role: SCRIPT },
    valued('--filter', '-f'), valued('--filter-from'), valued('--include'), valued('--include-from'), valued('--exclude'), valued('--exclude-from'), valued('--files-from'), valued('--files-from-raw'),
    valued('--exclude-if-present'), valued('--min-size'), valued('--max-size'), valued('--min-age'), valued('--max-age'), valued('--max-depth'), valued('--max-delete'), valued('--max-delete-size'),
    valued('--transfers'), valued('--checkers'), valued('--bwlimit'), valued('--bwlimit-file'), valued('--tpslimit'), valued('--tpslimit-burst'), valued('--log-file'), valued('--log-level'), valued('--stats'),
    valued('--stats-log-level'), valued('--backup-dir'), valued('--suffix'), valued('--compare-dest'), valued('--copy-dest'), valued('--cache-dir'), valued('--order-by'), valued('--user-agent'),
    valued('--header'), valued('--header-upload'), valued('--header-download'), valued('--retries'), valued('--retries-sleep'), valued('--low-level-retries'), valued('--timeout'), valued('--contimeout'),
    valued('--buffer-size'), valued('--multi-thread-streams'), valued('--multi-thread-cutoff'), valued('--track-renames-strategy'), flag('--track-renames'), valued('--dedupe-mode'),
    valued('--rc-addr'), valued('--rc-user'), valued('--rc-pass'), valued('--addr'), valued('--user'), valued('--pass'), valued('--vfs-cache-mode'), valued('--dir-cache-time'), flag('--use-json-log'),
    valued('--metadata-set'), valued('--format'), valued('--separator'), valued('--hash'), valued('--max-transfer'), valued('--cutoff-mode'), flag('--fast-list'), flag('-M', '--metadata'),
    { names: ['--delete-excluded'], verb: { effect: 'destroy', why: 'deletes excluded files from the destination' } },
    flag('--delete-before'), flag('--delete-during'), flag('--delete-after'), flag('-v', '--verbose'), flag('-q', '--quiet'), flag('-P', '--progress'), flag('-c', '--checksum'), flag('-u', '--update'),
    flag('-L', '--copy-links'), flag('-l', '--links'), flag('-x', '--one-file-system'), flag('-R', '--recursive'), flag('--immutable'), flag('--ignore-existing'), flag('--size-only'), flag('--no-traverse'),
    flag('--create-empty-src-dirs'), flag('-i', '--interactive'), flag('--rc'), flag('--daemon'), flag('--allow-other'), flag('--read-only'),
    harmless('-n', '--dry-run'), harmless('-h', '--help'), harmless('-V', '--version'),
  ],
  env: { RCLONE_PASSWORD_COMMAND: SCRIPT },
  subcommands: {
    ...aka(['ls', 'lsd', 'lsl', 'lsf', 'lsjson', 'tree', 'size', 'cat', 'check', 'cryptcheck', 'checksum', 'hashsum', 'md5sum', 'sha1sum', 'about', 'listremotes', 'version', 'ncdu', 'test', 'cryptdecode', 'obscure', 'help', 'completion', 'genautocomplete'], reads('reads remote files and listings')),
    ...aka(['copy', 'copyto', 'copyurl', 'move', 'moveto', 'mkdir', 'rmdir', 'rmdirs', 'touch', 'settier', 'deletefile', 'bisync', 'convmv', 'archive', 'gitannex'], writes('copies, moves or changes remote files')),
    sync: destroys('makes the destination match the source, deleting files only it has'),
    delete: destroys('deletes every file under a path'),
    purge: destroys('deletes a path and everything in it'),
    cleanup: destroys('empties the trash and old versions for good'),
    dedupe: destroys('deletes or renames duplicate files'),
    link: verb('privilege', 'creates a public link to a file or folder'),
    serve: { ...writes('serves a remote over the network'), when: [when('privilege', 'serves a remote on every network interface', [{ name: '--addr', value: `^(0\\.0\\.0\\.0|\\[::\\]|)?:\\d+$${OR_DYNAMIC}` }])] },
    rcd: writes('starts a remote control server'),
    rc: writes('sends a command to a running rclone'),
    mount: writes('mounts a remote'), nfsmount: writes('mounts a remote'),
    backend: writes('runs a backend command'),
    authorize: verb('credential', 'prints a token for a remote'),
    reveal: verb('credential', 'reveals an obscured password'),
    selfupdate: writes('replaces the rclone binary'),
    config: {
      ...writes('edits remotes interactively'),
      subcommands: {
        show: verb('credential', 'prints remotes with their tokens and keys'), dump: verb('credential', 'prints remotes with their tokens and keys'),
        redacted: reads('prints remotes with secrets redacted'), file: reads('prints the config file\'s path'), paths: reads('prints paths'), providers: reads('lists providers'),
        create: writes('creates a remote'), update: writes('changes a remote'), delete: writes('deletes a remote'), password: writes('changes a remote\'s password'), reconnect: writes('reconnects a remote'),
        disconnect: writes('disconnects a remote'), userinfo: reads('shows account details'), edit: writes('edits remotes'), touch: writes('creates the config file'), encryption: writes('changes the config encryption'),
      },
    },
  },
  examples: {
    block: ['rclone purge remote:bucket/data', 'rclone delete remote:bucket/logs --min-age 30d', 'rclone sync ./dist remote:site', 'rclone config show', 'rclone link remote:private/report.pdf', 'rclone copy a remote:b --delete-excluded', "rclone --password-command 'rm -rf ~' ls remote:"],
    allow: ['rclone ls remote:', 'rclone lsd remote:bucket', 'rclone copy ./dist remote:site', 'rclone sync ./dist remote:site --dry-run', 'rclone size remote:bucket', 'rclone config file'],
  },
};

// ---- Kubernetes backups ----

const VELERO_BACKUP: CommandSpec = { subcommands: { ...aka(['get', 'describe', 'logs'], reads('shows backups')), download: writes('downloads a backup'), create: writes('creates a backup'), delete: destroys('deletes backups with their data') } };
const VELERO: ProgramSpec = {
  names: ['velero'],
  family: 'backup',
  summary: 'Velero: Kubernetes cluster backups and restores',
  options: [valued('-n', '--namespace'), valued('--kubeconfig'), valued('--kubecontext'), valued('--features'), valued('-o', '--output'), valued('--colorized'), harmless('-h', '--help')],
  subcommands: {
    backup: VELERO_BACKUP,
    restore: { subcommands: { ...aka(['get', 'describe', 'logs'], reads('shows restores')), create: writes('restores resources into the cluster'), delete: writes('deletes a restore record') } },
    schedule: { subcommands: { ...aka(['get', 'describe'], reads('shows schedules')), create: writes('creates a schedule'), pause: writes('pauses a schedule'), unpause: writes('resumes a schedule'), delete: writes('deletes a schedule') } },
    'backup-location': { subcommands: { get: reads('shows backup locations'), create: writes('adds a backup location'), set: writes('changes a backup location'), delete: destroys('deletes a backup location with its backups') } },
    'snapshot-location': { subcommands: { get: reads('shows snapshot locations'), create: writes('adds a snapshot location'), set: writes('changes a snapshot location'), delete: writes('deletes a snapshot location') } },
    repo: { subcommands: { get: reads('shows repositories') } },
    plugin: { subcommands: { get: reads('lists plugins'), add: writes('adds a plugin'), remove: writes('removes a plugin') } },
    // `velero create backup …`, `velero delete backup …`, `velero get backups`.
    create: { subcommands: { ...aka(['backup', 'restore', 'schedule', 'backup-location', 'snapshot-location'], writes('creates a backup, restore or schedule')) } },
    delete: { subcommands: { ...aka(['backup', 'backups', 'backup-location'], destroys('deletes backups with their data')), ...aka(['restore', 'restores', 'schedule', 'schedules', 'snapshot-location'], writes('deletes a record or schedule')) } },
    get: reads('shows resources'), describe: reads('shows resources'),
    install: writes('installs Velero into the cluster'),
    uninstall: destroys('removes Velero and its resources from the cluster'),
    version: reads('prints versions'), debug: reads('collects debug information'), completion: reads('prints completions'),
  },
  examples: { block: ['velero backup delete nightly-2024 --confirm', 'velero delete backup --all --confirm', 'velero uninstall --force'], allow: ['velero backup get', 'velero backup describe nightly', 'velero restore create --from-backup nightly', 'velero get backups'] },
};

// ---- duplicity, rdiff-backup, duplicacy, kopia, tarsnap ----

const DUPLICITY_REMOVE: CommandSpec = { ...reads('lists what would be removed (--force removes it)'), when: [when('destroy', 'deletes old backup sets', [{ name: '--force' }])] };
const DUPLICITY: ProgramSpec = {
  names: ['duplicity'],
  family: 'backup',
  summary: 'duplicity: encrypted incremental backups to remote storage',
  options: [
    flag('--force'), valued('--encrypt-key'), valued('--sign-key'), valued('--hidden-encrypt-key'), valued('--archive-dir'), valued('--name'), valued('--exclude'), valued('--include'), valued('--exclude-filelist'),
    valued('--include-filelist'), valued('--exclude-regexp'), valued('--include-regexp'), valued('-t', '--time', '--restore-time'), valued('--file-to-restore', '-r'), valued('--ssh-options'), valued('--volsize'),
    valued('--gpg-options'), valued('--gpg-binary'), valued('--log-file'), valued('-v', '--verbosity'), valued('--full-if-older-than'), valued('--tempdir'), valued('--rsync-options'), valued('--backend-retry-delay'),
    valued('--num-retries'), valued('--timeout'), valued('--s3-endpoint-url'), valued('--s3-region-name'), flag('--no-encryption'), flag('--progress'), flag('--allow-source-mismatch'), flag('--copy-links'),
    harmless('--dry-run'), harmless('-h', '--help'), harmless('--version'),
  ],
  subcommands: {
    ...aka(['full', 'incr', 'incremental', 'backup'], writes('creates a backup')),
    restore: writes('restores files, overwriting local files'),
    ...aka(['verify', 'collection-status', 'list-current-files'], reads('checks or lists a backup')),
    'remove-older-than': DUPLICITY_REMOVE, 'remove-all-but-n-full': DUPLICITY_REMOVE, 'remove-all-inc-of-but-n-full': DUPLICITY_REMOVE,
    cleanup: { ...reads('lists what would be cleaned (--force cleans it)'), when: [when('destroy', 'deletes orphaned backup files', [{ name: '--force' }])] },
  },
  examples: { block: ['duplicity remove-older-than 6M --force sftp://u@h/backups', 'duplicity remove-all-but-n-full 2 --force file:///mnt/b', 'duplicity cleanup --force s3://bucket/b'], allow: ['duplicity collection-status sftp://u@h/backups', 'duplicity remove-older-than 6M sftp://u@h/backups', 'duplicity ~/src sftp://u@h/backups'] },
};

const RDIFF_BACKUP: ProgramSpec = {
  names: ['rdiff-backup'],
  family: 'backup',
  summary: 'rdiff-backup: a mirror with reverse increments',
  options: [
    { names: ['--remove-older-than'], value: 'required', verb: { effect: 'destroy', why: 'deletes increments older than a time' } },
    { names: ['-r', '--restore-as-of'], value: 'required', verb: { effect: 'write', why: 'restores files, overwriting local files' } },
    { names: ['--remote-schema'], value: 'required', role: SCRIPT }, valued('--api-version'), valued('--exclude'), valued('--include'), valued('--exclude-filelist'), valued('--include-filelist'),
    valued('--exclude-regexp'), valued('--include-regexp'), valued('--exclude-globbing-filelist'), valued('-v', '--verbosity'), valued('--terminal-verbosity'), valued('--current-time'), valued('--tempdir'),
    valued('--group-mapping-file'), valued('--user-mapping-file'), valued('--older-than'), valued('--at'), flag('--force'), flag('--print-statistics'), flag('--parsable-output'), flag('--list-increments'),
    flag('--list-increment-sizes'), flag('--compare'), flag('--verify'), harmless('-h', '--help'), harmless('-V', '--version'),
  ],
  subcommands: {
    backup: writes('backs up a folder'),
    restore: writes('restores files, overwriting local files'),
    remove: { subcommands: { increments: destroys('deletes old increments') } },
    regress: writes('rolls back a failed backup'),
    ...aka(['list', 'compare', 'verify', 'info', 'test', 'calculate'], reads('lists or checks a repository')),
    server: writes('serves a repository'),
  },
  examples: { block: ['rdiff-backup --remove-older-than 2W /mnt/backup', 'rdiff-backup remove increments --older-than 2W /mnt/backup', "rdiff-backup --remote-schema 'rm -rf ~' src host::dst"], allow: ['rdiff-backup --list-increments /mnt/backup', 'rdiff-backup list increments /mnt/backup', 'rdiff-backup backup ~/src /mnt/backup'] },
};

const DUPLICACY: ProgramSpec = {
  names: ['duplicacy'],
  family: 'backup',
  summary: 'Duplicacy: lock-free deduplicated cloud backups',
  options: [flag('-log'), flag('-verbose'), flag('-debug'), flag('-stack'), flag('-background'), valued('-profile'), valued('-comment'), valued('-suppress'), harmless('-help')],
  subcommands: {
    init: writes('creates a repository'), add: writes('adds a storage'), backup: writes('creates a snapshot'), copy: writes('copies snapshots'), password: writes('changes the password'), set: writes('changes settings'), benchmark: writes('benchmarks a storage'),
    restore: { ...writes('restores files'), options: [flag('-overwrite'), flag('-delete'), valued('-r'), valued('-storage'), valued('-threads')], when: [when('destroy', 'overwrites or deletes local files', [{ name: '-overwrite' }]), when('destroy', 'deletes local files not in the snapshot', [{ name: '-delete' }])] },
    ...aka(['list', 'check', 'cat', 'diff', 'history', 'info'], reads('lists or checks snapshots')),
    prune: { ...destroys('deletes snapshots and the chunks only they used'), options: [harmless('-dry-run'), valued('-id'), valued('-r'), valued('-keep'), valued('-storage'), valued('-threads'), valued('-ignore'), flag('-all'), flag('-exclusive'), flag('-exhaustive'), flag('-delete-only'), flag('-collect-only')] },
  },
  examples: { block: ['duplicacy prune -keep 0:360 -keep 30:180', 'duplicacy prune -r 1-100 -exclusive', 'duplicacy restore -r 12 -overwrite'], allow: ['duplicacy list', 'duplicacy check -a', 'duplicacy prune -keep 0:360 -dry-run'] },
};

const KOPIA_DELETE: VerbWhen[] = [when('destroy', 'deletes snapshots for good', [{ name: '--delete' }])];
const KOPIA: ProgramSpec = {
  names: ['kopia'],
  family: 'backup',
  summary: 'Kopia: encrypted, deduplicated snapshots',
  options: [valued('--config-file'), valued('--log-dir'), valued('--log-level'), valued('--file-log-level'), valued('--password', '-p'), valued('--cache-directory'), flag('--json'), flag('--no-progress'), harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    snapshot: {
      subcommands: {
        ...aka(['list', 'ls', 'verify', 'estimate'], reads('lists or checks snapshots')),
        ...aka(['create', 'pin', 'copy-history', 'move-history', 'migrate', 'fix'], writes('creates or changes snapshots')),
        restore: writes('restores files'),
        ...aka(['delete', 'rm'], { ...reads('lists the snapshots that --delete would delete'), options: [flag('--delete')], when: KOPIA_DELETE }),
        expire: { ...reads('lists the snapshots that --delete would expire'), options: [flag('--delete')], when: KOPIA_DELETE },
      },
    },
    restore: writes('restores files'),
    ...aka(['ls', 'show', 'diff', 'logs', 'list'], reads('reads snapshots')),
    mount: writes('mounts snapshots'),
    policy: { subcommands: { ...aka(['list', 'ls', 'show', 'get'], reads('shows policies')), set: writes('changes a policy'), edit: writes('changes a policy'), delete: writes('deletes a policy'), rm: writes('deletes a policy'), import: writes('imports policies'), export: reads('exports policies') } },
    repository: {
      subcommands: {
        status: { ...reads('shows the repository'), options: [flag('-t', '--reconnect-token'), flag('-s', '--reconnect-token-with-password')], when: [when('credential', 'prints a token that reconnects to the repository', [{ name: '-t' }]), when('credential', 'prints a token with the repository password', [{ name: '-s' }])] },
        'sync-to': { ...writes('copies the repository to another storage'), options: [flag('--delete')], when: [when('destroy', 'deletes files the destination has that the source does not', [{ name: '--delete' }])] },
        '*': writes('creates, connects or changes a repository'),
      },
    },
    repo: { subcommands: { status: reads('shows the repository'), '*': writes('creates, connects or changes a repository') } },
    maintenance: { subcommands: { info: reads('shows maintenance settings'), run: writes('runs maintenance'), set: writes('changes maintenance settings') } },
    content: { subcommands: { ...aka(['list', 'ls', 'show', 'stats', 'verify'], reads('shows content')), delete: destroys('deletes content'), rm: destroys('deletes content'), rewrite: writes('rewrites content') } },
    blob: { subcommands: { ...aka(['list', 'ls', 'show', 'stats'], reads('shows blobs')), delete: destroys('deletes blobs'), rm: destroys('deletes blobs'), gc: { ...reads('lists unused blobs'), options: [valued('--delete')], when: [when('destroy', 'deletes unused blobs', [{ name: '--delete', value: `^(yes|true${OR_DYNAMIC})$` }])] } } },
    server: { subcommands: { status: reads('shows the server'), start: writes('starts a server'), user: { subcommands: { list: reads('lists users'), add: verb('privilege', 'adds a user who can reach the repository'), set: verb('privilege', 'changes a user'), delete: verb('privilege', 'removes a user') } }, acl: { subcommands: { list: reads('lists access rules'), add: verb('privilege', 'grants access'), delete: verb('privilege', 'removes access') } }, '*': writes('controls the server') } },
    cache: writes('manages the cache'),
  },
  examples: { block: ['kopia snapshot delete k4a1b2c3 --delete', 'kopia snapshot expire --all --delete', 'kopia repository status -t', 'kopia server user add bob@host'], allow: ['kopia snapshot list', 'kopia snapshot create ~/src', 'kopia snapshot delete k4a1b2c3', 'kopia repository status'] },
};

const TARSNAP: ProgramSpec = {
  names: ['tarsnap'],
  family: 'backup',
  summary: 'Tarsnap: encrypted online backups',
  options: [
    { names: ['-c'], verb: { effect: 'write', why: 'creates an archive' } }, { names: ['-d'], verb: { effect: 'destroy', why: 'deletes archives' } }, { names: ['-x'], verb: { effect: 'write', why: 'extracts files, overwriting local files' } },
    flag('-t'), flag('-r'), flag('--list-archives'), flag('--print-stats'), flag('--verify-config'), { names: ['--recover'], verb: { effect: 'write', why: 'recovers a checkpointed archive' } },
    { names: ['--fsck'], verb: { effect: 'write', why: 'rebuilds the cache' } }, { names: ['--fsck-prune'], verb: { effect: 'destroy', why: 'deletes corrupt archives' } }, { names: ['--nuke'], verb: { effect: 'destroy', why: 'deletes every archive' } },
    valued('-f'), valued('-C'), valued('--keyfile'), valued('--cachedir'), valued('--configfile'), valued('-T'), valued('-X'), valued('--exclude'), valued('--include'), valued('--newer'), valued('--maxbw'), valued('--checkpoint-bytes'),
    flag('-v'), flag('-p'), flag('--humanize-numbers'), harmless('--dry-run'), harmless('--help'), harmless('--version'),
  ],
  examples: { block: ['tarsnap -d -f backup-2023-01-01', 'tarsnap --nuke', 'tarsnap -df old-archive'], allow: ['tarsnap --list-archives', 'tarsnap -c -f backup-today ~/src', 'tarsnap -tvf backup-today'] },
};

// ---- Database backup tools ----

const PGBACKREST: ProgramSpec = {
  names: ['pgbackrest'],
  family: 'backup',
  summary: 'pgBackRest: PostgreSQL backups and restores',
  options: [
    valued('--stanza'), valued('--repo'), valued('--type'), valued('--set'), valued('--target'), valued('--target-action'), valued('--target-timeline'), valued('--db-include'), valued('--log-level-console'),
    valued('--log-level-file'), valued('--log-level-stderr'), valued('--config'), valued('--config-path'), valued('--config-include-path'), valued('--pg1-path'), valued('--pg1-host'), valued('--pg1-port'),
    valued('--pg1-user'), valued('--repo1-path'), valued('--repo1-type'), valued('--repo1-host'), valued('--repo1-retention-full'), valued('--repo1-retention-diff'), valued('--repo1-retention-archive'),
    valued('--process-max'), valued('--buffer-size'), valued('--compress-type'), valued('--compress-level'), valued('--lock-path'), valued('--log-path'), valued('--spool-path'), valued('--archive-timeout'),
    valued('--recovery-option'), valued('--tablespace-map'), valued('--link-map'), valued('--output'), valued('--annotation'), flag('--delta'), flag('--force'), flag('--archive-async'), flag('--online'),
    harmless('--dry-run'), harmless('--help'), harmless('--version'),
  ],
  subcommands: {
    backup: writes('takes a backup'),
    restore: { ...writes('restores a cluster into an empty data directory'), when: [when('destroy', 'overwrites the existing data directory', [{ name: '--delta' }]), when('destroy', 'overwrites the existing data directory', [{ name: '--force' }])] },
    expire: destroys('deletes backups outside the retention rules'),
    'stanza-delete': destroys('deletes a stanza with its backups and archive'),
    ...aka(['stanza-create', 'stanza-upgrade', 'archive-push', 'archive-get', 'start', 'stop', 'server', 'annotate'], writes('changes backups or the archive')),
    ...aka(['check', 'info', 'verify', 'version', 'help', 'repo-ls', 'repo-get', 'server-ping'], reads('checks or lists backups')),
  },
  examples: { block: ['pgbackrest --stanza=main expire --repo1-retention-full=1', 'pgbackrest --stanza=main stanza-delete --force', 'pgbackrest --stanza=main --delta restore'], allow: ['pgbackrest --stanza=main info', 'pgbackrest --stanza=main check', 'pgbackrest --stanza=main --type=full backup'] },
};

const BARMAN: ProgramSpec = {
  names: ['barman'],
  family: 'backup',
  summary: 'Barman: PostgreSQL backup and recovery manager',
  options: [valued('-c', '--config'), valued('-f', '--format'), valued('--color'), flag('-q', '--quiet'), flag('-d', '--debug'), harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    delete: destroys('deletes a backup'),
    ...aka(['recover', 'restore'], { ...writes('restores a backup into a destination directory'), options: [{ names: ['--remote-ssh-command'], value: 'required', role: SCRIPT }, valued('--target-time'), valued('--target-xid'), valued('--target-name'), valued('--target-tli'), valued('--target-action')] }),
    ...aka(['backup', 'cron', 'switch-wal', 'switch-xlog', 'receive-wal', 'keep', 'put-wal', 'archive-wal', 'sync-backup', 'sync-wals', 'sync-info', 'config-switch', 'config-update', 'lock-directory-cleanup'], writes('takes backups or moves WAL')),
    ...aka(['list-backups', 'list-backup', 'list-servers', 'list-files', 'show-backup', 'show-servers', 'show-server', 'check', 'check-backup', 'status', 'replication-status', 'diagnose', 'get-wal', 'verify-backup', 'verify', 'generate-manifest'], reads('shows servers and backups')),
  },
  examples: { block: ['barman delete pg oldest', "barman recover --remote-ssh-command 'rm -rf ~' pg latest /var/lib/pg"], allow: ['barman list-backups pg', 'barman check pg', 'barman backup pg'] },
};

const WAL_G: ProgramSpec = {
  names: ['wal-g'],
  family: 'backup',
  summary: 'WAL-G: database backups and WAL archiving to object storage',
  options: [valued('--config'), flag('--turbo'), harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    delete: { ...reads('lists what would be deleted (--confirm deletes it)'), options: [flag('--confirm'), flag('--use-sentinel-time')], when: [when('destroy', 'deletes backups and WAL', [{ name: '--confirm' }])] },
    ...aka(['backup-push', 'backup-fetch', 'wal-push', 'wal-fetch', 'backup-mark', 'wal-receive', 'catchup-push', 'catchup-fetch', 'copy'], writes('uploads or downloads backups and WAL')),
    ...aka(['backup-list', 'wal-show', 'wal-verify', 'backup-info'], reads('lists backups and WAL')),
    st: { subcommands: { ...aka(['ls', 'cat', 'check'], reads('reads storage')), put: writes('uploads a file'), rm: destroys('deletes files from storage'), transfer: writes('copies files between storages') } },
  },
  examples: { block: ['wal-g delete retain FULL 3 --confirm', 'wal-g delete everything FORCE --confirm', 'wal-g st rm basebackups_005/'], allow: ['wal-g backup-list', 'wal-g delete retain FULL 3', 'wal-g backup-push /var/lib/postgresql/data'] },
};

// ---- Object storage clients used for backups ----

const MC: ProgramSpec = {
  names: ['mc', 'mcli'],
  family: 'backup',
  summary: 'MinIO client: buckets and objects on S3-compatible storage',
  options: [valued('-C', '--config-dir'), valued('--resolve'), flag('--json'), flag('--debug'), flag('--insecure'), flag('-q', '--quiet'), flag('--no-color'), harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    ...aka(['ls', 'cat', 'head', 'tree', 'du', 'stat', 'diff', 'sql', 'watch', 'ping', 'ready'], reads('reads buckets and objects')),
    find: { ...reads('finds objects'), options: [{ names: ['--exec'], value: 'required', role: SCRIPT }, valued('--name'), valued('--path'), valued('--regex'), valued('--newer-than'), valued('--older-than'), valued('--larger'), valued('--smaller'), valued('--maxdepth'), valued('--print')] },
    ...aka(['cp', 'mv', 'mb', 'pipe', 'tag', 'od', 'put', 'get', 'undo', 'cors', 'encrypt', 'event', 'ilm', 'replicate', 'version', 'legalhold', 'retention', 'batch', 'idp', 'license', 'update', 'support'], writes('copies or changes buckets and objects')),
    rm: {
      ...writes('deletes objects'),
      options: [flag('-r', '--recursive'), flag('--force'), flag('--versions'), flag('--incomplete'), flag('--dangerous'), flag('--bypass'), valued('--older-than'), valued('--newer-than'), valued('--version-id'), valued('--rewind')],
      when: [when('destroy', 'deletes every object under a prefix', [{ name: '-r' }, { name: '--force' }]), when('destroy', 'deletes every object version', [{ name: '--versions' }, { name: '--force' }])],
    },
    rb: { ...writes('removes an empty bucket'), options: [flag('--force'), flag('--dangerous')], when: [when('destroy', 'removes a bucket with everything in it', [{ name: '--force' }])] },
    mirror: { ...writes('copies objects to a destination'), options: [flag('--remove'), flag('--overwrite'), flag('-w', '--watch'), valued('--exclude'), valued('--older-than'), valued('--newer-than')], when: [when('destroy', 'deletes destination objects the source does not have', [{ name: '--remove' }])] },
    share: verb('privilege', 'creates a link that gives anyone access to an object'),
    ...aka(['anonymous', 'policy'], { subcommands: { ...aka(['get', 'list', 'links', 'get-json'], reads('shows anonymous access')), ...aka(['set', 'set-json'], { ...writes('changes anonymous access'), when: [when('privilege', 'opens a bucket to anonymous access', undefined, `^(public|download|upload${OR_DYNAMIC})$`)] }) } }),
    alias: { subcommands: { ...aka(['list', 'ls'], verb('credential', 'prints aliases with their access and secret keys')), ...aka(['set', 's', 'import'], writes('adds an alias')), ...aka(['remove', 'rm'], writes('removes an alias')), export: verb('credential', 'exports an alias with its keys') } },
    config: { subcommands: { host: { subcommands: { ...aka(['list', 'ls'], verb('credential', 'prints hosts with their access and secret keys')), '*': writes('changes hosts') } } } },
    admin: {
      subcommands: {
        ...aka(['info', 'trace', 'top', 'scanner', 'logs', 'prometheus'], reads('shows server state')),
        user: { subcommands: { ...aka(['list', 'ls', 'info'], reads('lists users')), add: verb('privilege', 'creates a user'), ...aka(['remove', 'rm', 'enable', 'disable'], verb('privilege', 'changes a user\'s access')), svcacct: { subcommands: { ...aka(['list', 'ls', 'info'], reads('lists service accounts')), add: verb('credential', 'creates a service account and prints its keys'), '*': verb('privilege', 'changes a service account') } } } },
        accesskey: { subcommands: { ...aka(['list', 'ls', 'info'], reads('lists access keys')), create: verb('credential', 'creates an access key and prints its secret'), '*': verb('privilege', 'changes access keys') } },
        policy: { subcommands: { ...aka(['list', 'ls', 'info', 'entities'], reads('shows policies')), '*': verb('privilege', 'creates, attaches or removes access policies') } },
        group: { subcommands: { ...aka(['list', 'ls', 'info'], reads('lists groups')), '*': verb('privilege', 'changes group membership or access') } },
        bucket: { subcommands: { remote: { subcommands: { ls: reads('lists remote targets'), '*': writes('changes remote targets') } }, quota: writes('changes a bucket quota') } },
        '*': writes('changes server configuration or state'),
      },
    },
  },
  examples: {
    block: ['mc rm --recursive --force myminio/backups', 'mc rb --force myminio/old', 'mc mirror --remove ./site myminio/site', 'mc anonymous set public myminio/data', 'mc alias list', 'mc admin user add myminio bob pass1234', "mc find myminio/b --name '*.log' --exec 'rm -rf ~'"],
    allow: ['mc ls myminio/backups', 'mc cp report.pdf myminio/docs/', 'mc rm myminio/docs/old.pdf', 'mc mirror ./site myminio/site', 'mc anonymous get myminio/data', 'mc admin info myminio'],
  },
};

const S5CMD: ProgramSpec = {
  names: ['s5cmd'],
  family: 'backup',
  summary: 's5cmd: fast parallel S3 operations',
  options: [
    valued('--endpoint-url'), valued('--numworkers'), valued('-r', '--retry-count'), valued('--profile'), valued('--credentials-file'), valued('--log'), valued('--request-payer'),
    flag('--json'), flag('--no-sign-request'), flag('--stat'), flag('--use-list-objects-v1'), flag('--no-verify-ssl'), harmless('--dry-run'), harmless('-h', '--help'),
  ],
  subcommands: {
    ...aka(['ls', 'cat', 'du', 'select', 'head', 'version'], reads('reads buckets and objects')),
    ...aka(['cp', 'mv', 'mb', 'pipe'], writes('copies or moves objects')),
    rm: { ...writes('deletes objects'), when: [when('destroy', 'deletes every object a wildcard matches', undefined, '[*?]')] },
    rb: destroys('removes a bucket'),
    sync: { ...writes('copies changed objects to a destination'), options: [flag('--delete'), flag('--size-only')], when: [when('destroy', 'deletes destination objects the source does not have', [{ name: '--delete' }])] },
    // The commands come from a file or standard input, which may delete.
    run: destroys('runs s5cmd commands from a file, which may delete objects'),
    presign: verb('privilege', 'creates a link that gives anyone access to an object'),
  },
  examples: { block: ["s5cmd rm 's3://bucket/logs/*'", 's5cmd sync --delete ./site/ s3://bucket/site/', 's5cmd rb s3://old-bucket', 's5cmd run commands.txt'], allow: ["s5cmd ls 's3://bucket/*'", "s5cmd cp 'dist/*' s3://bucket/site/", 's5cmd rm s3://bucket/tmp/one.txt', 's5cmd sync ./site/ s3://bucket/site/'] },
};

const AZCOPY: ProgramSpec = {
  names: ['azcopy'],
  family: 'backup',
  summary: 'AzCopy: copies and syncs Azure Storage blobs and files',
  options: [valued('--log-level'), valued('--output-type'), valued('--output-level'), valued('--cap-mbps'), valued('--trusted-microsoft-suffixes'), harmless('--dry-run'), harmless('-h', '--help'), harmless('--version')],
  subcommands: {
    ...aka(['copy', 'cp', 'make', 'set-properties', 'login', 'logout', 'bench'], writes('copies or changes storage')),
    sync: { ...writes('copies changed files to a destination'), options: [valued('--delete-destination'), flag('--recursive')], when: [when('destroy', 'deletes destination files the source does not have', [{ name: '--delete-destination', value: `^(true|prompt${OR_DYNAMIC})$` }])] },
    ...aka(['remove', 'rm'], destroys('deletes blobs or files')),
    list: reads('lists blobs or files'),
    jobs: { subcommands: { ...aka(['list', 'show'], reads('shows jobs')), '*': writes('resumes or cleans jobs') } },
    env: { ...reads('shows settings'), options: [flag('--show-sensitive')], when: [when('credential', 'prints settings with their secrets', [{ name: '--show-sensitive' }])] },
    doc: reads('prints documentation'),
  },
  examples: { block: ["azcopy remove 'https://acct.blob.core.windows.net/c/dir' --recursive", "azcopy sync ./site 'https://acct.blob.core.windows.net/$web' --delete-destination=true", 'azcopy env --show-sensitive'], allow: ["azcopy list 'https://acct.blob.core.windows.net/c'", "azcopy copy ./dist 'https://acct.blob.core.windows.net/c' --recursive", "azcopy sync ./site 'https://acct.blob.core.windows.net/$web'"] },
};

export const BACKUP: ProgramSpec[] = [BORG, BORGMATIC, RESTIC, RCLONE, VELERO, DUPLICITY, RDIFF_BACKUP, DUPLICACY, KOPIA, TARSNAP, PGBACKREST, BARMAN, WAL_G, MC, S5CMD, AZCOPY];
