// Family: ci-vcs — code forges (GitHub, GitLab, Gitea) and CI/CD systems driven from the command
// line. Reading repositories, pull requests, runs and logs stays allowed; merging, commenting and
// re-running are reversible writes; deleting repositories, releases or runs destroys; releases and
// packages publish; secrets, deploy keys, tokens and visibility change who has access. `git` itself
// is analysed in src/analyze/shell/git.ts.
import type { CommandSpec, Effect, OptionDecl, ProgramSpec, VerbWhen } from '../spec.js';
import { aka, COMMAND, flag, reads, SCRIPT, valued, verb, writes, changingByDefault } from './builders.js';

const when = (effect: Effect, why: string, options: VerbWhen['options'], operand?: string): VerbWhen => ({
  options,
  ...(operand ? { operand } : {}),
  verb: { effect, why },
});
const HELP: OptionDecl[] = [{ names: ['-h', '--help'], harmless: true }];
/** The same level under several names (`list`, `ls`). */

// ---- REST calls through a forge CLI (`gh api`, `glab api`, `hub api`) ----

/** A method only known at run time counts as the worst one. */
const DYNAMIC = '.*\\$.*';
/** Endpoints that grant access: collaborators, keys, hooks, members, secrets. */
const ACCESS_ENDPOINT =
  '/(collaborators|invitations|keys|deploy_keys|hooks|members|memberships|permissions|protection|actions/secrets|environments/[^/]+/secrets|dependabot/secrets|codespaces/secrets|variables)(/|$)';

/** The verbs of a REST call by its method, its fields and its endpoint. */
function restWhen(method: string[], fields: string[]): VerbWhen[] {
  const byMethod = (value: string) => method.map((m) => ({ name: m, value }));
  return [
    ...byMethod(`^(DELETE|${DYNAMIC})$`).map((o) => when('destroy', 'sends a DELETE request', [o])),
    ...byMethod(`^(POST|PUT|PATCH|${DYNAMIC})$`).map((o) => when('write', 'sends a request that changes data', [o])),
    ...fields.map((f) => when('write', 'sends fields (a POST unless the method says otherwise)', [{ name: f }])),
    ...[...byMethod(`^(POST|PUT|PATCH|${DYNAMIC})$`), ...fields.map((name) => ({ name }))].map((o) =>
      when('privilege', 'grants access through the API (collaborators, keys, hooks, members, secrets)', [o], ACCESS_ENDPOINT),
    ),
    ...fields.map((f) => when('privilege', 'makes a repository public', [{ name: f, value: '^(visibility=public|private=false)$' }])),
    ...[...byMethod(`^(POST|${DYNAMIC})$`), ...fields.map((name) => ({ name }))].map((o) =>
      when('publish', 'creates a release', [o], '/releases/?$'),
    ),
  ];
}

const GH_API: CommandSpec = {
  ...reads('sends a GET request to the API'),
  options: [
    valued('-X', '--method'),
    valued('-f', '--raw-field'),
    valued('-F', '--field'),
    valued('-H', '--header'),
    valued('--input'),
    valued('-q', '--jq'),
    valued('-t', '--template'),
    valued('-p', '--preview'),
    valued('--hostname'),
    valued('--cache'),
    flag('--paginate'),
    flag('--slurp'),
    flag('-i', '--include'),
    flag('--silent'),
    flag('--verbose'),
  ],
  when: restWhen(['-X'], ['-f', '-F', '--input']),
};

// ---- GitHub CLI ----

const GH_PR: Record<string, CommandSpec> = {
  ...aka(['list', 'ls'], reads('lists pull requests')),
  view: reads('shows a pull request'),
  diff: reads("shows a pull request's diff"),
  checks: reads('shows CI checks'),
  status: reads('shows your pull requests'),
  create: writes('opens a pull request'),
  new: writes('opens a pull request'),
  edit: writes('changes a pull request'),
  comment: writes('comments on a pull request'),
  review: writes('reviews a pull request'),
  ready: writes('marks a pull request ready'),
  checkout: writes('checks out a pull request'),
  co: writes('checks out a pull request'),
  close: writes('closes a pull request'),
  reopen: writes('reopens a pull request'),
  lock: writes('locks a conversation'),
  unlock: writes('unlocks a conversation'),
  revert: writes('opens a revert pull request'),
  'update-branch': writes("updates a pull request's branch"),
  merge: {
    ...writes('merges a pull request'),
    options: [
      flag('--admin'),
      flag('--auto'),
      flag('-d', '--delete-branch'),
      flag('-m', '--merge'),
      flag('-r', '--rebase'),
      flag('-s', '--squash'),
      valued('-b', '--body'),
      valued('-F', '--body-file'),
      valued('-t', '--subject'),
      valued('--match-head-commit'),
      valued('-A', '--author-email'),
    ],
    when: [when('privilege', 'merges past branch protection as an administrator', [{ name: '--admin' }])],
  },
};

const GH_ISSUE: Record<string, CommandSpec> = {
  ...aka(['list', 'ls'], reads('lists issues')),
  view: reads('shows an issue'),
  status: reads('shows your issues'),
  create: writes('opens an issue'),
  new: writes('opens an issue'),
  edit: writes('changes an issue'),
  comment: writes('comments on an issue'),
  close: writes('closes an issue'),
  reopen: writes('reopens an issue'),
  pin: writes('pins an issue'),
  unpin: writes('unpins an issue'),
  lock: writes('locks an issue'),
  unlock: writes('unlocks an issue'),
  transfer: writes('moves an issue to another repository'),
  develop: writes('creates a branch for an issue'),
  delete: verb('destroy', 'deletes an issue with its comments'),
};

const GH_REPO: Record<string, CommandSpec> = {
  ...aka(['list', 'ls'], reads('lists repositories')),
  view: reads('shows a repository'),
  credits: reads('shows contributors'),
  gitignore: reads('shows .gitignore templates'),
  license: reads('shows licence templates'),
  clone: writes('clones a repository'),
  fork: writes('forks a repository'),
  rename: writes('renames a repository'),
  'set-default': writes('sets the default repository'),
  archive: writes('archives a repository (read-only until unarchived)'),
  unarchive: writes('unarchives a repository'),
  delete: verb('destroy', 'deletes the repository with its issues and history'),
  create: {
    ...writes('creates a repository'),
    options: [
      flag('--public'),
      flag('--private'),
      flag('--internal'),
      valued('-d', '--description'),
      valued('-s', '--source'),
      valued('-r', '--remote'),
      valued('-t', '--team'),
      valued('-p', '--template'),
      valued('-g', '--gitignore'),
      valued('-l', '--license'),
      valued('-h', '--homepage'),
      flag('--push'),
      flag('-c', '--clone'),
    ],
    when: [when('privilege', 'creates a public repository', [{ name: '--public' }])],
  },
  edit: {
    ...writes('changes repository settings'),
    options: [
      valued('--visibility'),
      flag('--accept-visibility-change-consequences'),
      valued('-d', '--description'),
      valued('-h', '--homepage'),
      valued('--add-topic'),
      valued('--remove-topic'),
      valued('--default-branch'),
    ],
    when: [when('privilege', 'makes the repository public', [{ name: '--visibility', value: '^(public|.*\\$.*)$' }])],
  },
  sync: {
    ...writes('syncs a fork or a local repository'),
    options: [flag('--force'), valued('-b', '--branch'), valued('-s', '--source')],
    when: [when('destroy', 'hard-resets the destination branch to the source', [{ name: '--force' }])],
  },
  'deploy-key': {
    subcommands: {
      ...aka(['list', 'ls'], reads('lists deploy keys')),
      add: verb('privilege', 'adds a key with access to the repository'),
      delete: writes('removes a deploy key'),
    },
  },
  autolink: {
    subcommands: {
      ...aka(['list', 'ls'], reads('lists autolinks')),
      view: reads('shows an autolink'),
      create: writes('creates an autolink'),
      delete: writes('deletes an autolink'),
    },
  },
};

const GH_RELEASE: Record<string, CommandSpec> = {
  ...aka(['list', 'ls'], reads('lists releases')),
  view: reads('shows a release'),
  download: writes('downloads release assets'),
  verify: reads('verifies a release'),
  'verify-asset': reads('verifies an asset'),
  create: {
    ...verb('publish', 'publishes a release'),
    options: [
      flag('-d', '--draft'),
      flag('-p', '--prerelease'),
      valued('-n', '--notes'),
      valued('-F', '--notes-file'),
      valued('-t', '--title'),
      valued('--target'),
      valued('--discussion-category'),
      valued('--notes-start-tag'),
      flag('--generate-notes'),
      flag('--latest'),
      flag('--verify-tag'),
    ],
  },
  new: verb('publish', 'publishes a release'),
  upload: verb('publish', 'adds assets to a published release'),
  edit: {
    ...writes('changes a release'),
    options: [
      { names: ['--draft'], value: 'optional' },
      { names: ['--prerelease'], value: 'optional' },
      valued('-n', '--notes'),
      valued('-F', '--notes-file'),
      valued('-t', '--title'),
      valued('--tag'),
      valued('--target'),
    ],
    when: [when('publish', 'publishes a draft release', [{ name: '--draft', value: '^false$' }])],
  },
  delete: verb('destroy', 'deletes a release'),
  'delete-asset': verb('destroy', 'deletes a release asset'),
};

const GH: ProgramSpec = {
  names: ['gh'],
  family: 'ci-vcs',
  summary: 'GitHub CLI: repositories, pull requests, issues, releases, Actions, secrets and the API',
  options: [valued('-R', '--repo'), ...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    api: GH_API,
    pr: { subcommands: GH_PR },
    issue: { subcommands: GH_ISSUE },
    repo: { subcommands: GH_REPO },
    release: { subcommands: GH_RELEASE },
    auth: {
      subcommands: {
        token: verb('credential', 'prints the GitHub token'),
        status: {
          ...reads('shows the login status'),
          options: [flag('-t', '--show-token'), valued('--hostname'), flag('-a', '--active'), valued('--json')],
          when: [when('credential', 'prints the GitHub token', [{ name: '-t' }])],
        },
        login: writes('logs in'),
        logout: writes('logs out'),
        switch: writes('switches account'),
        'setup-git': writes('configures git to use gh for credentials'),
        refresh: {
          ...writes('refreshes the stored token'),
          options: [
            valued('-s', '--scopes'),
            valued('-r', '--remove-scopes'),
            valued('-h', '--hostname'),
            flag('--reset-scopes'),
            flag('--insecure-storage'),
            flag('--clipboard'),
          ],
          when: [when('privilege', 'adds scopes to the token', [{ name: '-s' }])],
        },
      },
    },
    secret: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists secret names')),
        set: verb('privilege', 'stores a secret that workflows can read'),
        ...aka(['delete', 'remove'], verb('destroy', 'deletes a secret')),
      },
    },
    variable: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists variables')),
        get: reads('prints a variable'),
        set: writes('sets a variable'),
        ...aka(['delete', 'remove'], writes('deletes a variable')),
      },
    },
    run: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists workflow runs')),
        view: reads('shows a run'),
        watch: reads('watches a run'),
        download: writes('downloads run artifacts'),
        rerun: writes('re-runs a run'),
        cancel: writes('cancels a run'),
        delete: verb('destroy', 'deletes a run with its logs'),
      },
    },
    workflow: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists workflows')),
        view: reads('shows a workflow'),
        run: writes('starts a workflow'),
        enable: writes('enables a workflow'),
        disable: writes('disables a workflow'),
      },
    },
    cache: { subcommands: { ...aka(['list', 'ls'], reads('lists Actions caches')), delete: writes('deletes Actions caches') } },
    'ssh-key': {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists your SSH keys')),
        add: verb('privilege', 'adds a key that can push as you'),
        delete: verb('privilege', 'removes one of your SSH keys'),
      },
    },
    'gpg-key': {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists your GPG keys')),
        add: verb('privilege', 'adds a key that signs as you'),
        delete: verb('privilege', 'removes one of your GPG keys'),
      },
    },
    gist: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists gists')),
        view: reads('shows a gist'),
        clone: writes('clones a gist'),
        edit: writes('changes a gist'),
        rename: writes('renames a gist'),
        ...aka(['create', 'new'], {
          ...writes('creates a secret gist'),
          options: [flag('-p', '--public'), valued('-d', '--desc'), valued('-f', '--filename')],
          when: [when('publish', 'publishes a public gist', [{ name: '-p' }])],
        }),
        delete: verb('destroy', 'deletes a gist'),
      },
    },
    label: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists labels')),
        create: writes('creates a label'),
        edit: writes('changes a label'),
        clone: writes('copies labels'),
        delete: writes('deletes a label'),
      },
    },
    project: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists projects')),
        view: reads('shows a project'),
        'field-list': reads('lists fields'),
        'item-list': reads('lists items'),
        delete: verb('destroy', 'deletes a project'),
        '*': writes('changes a project'),
      },
    },
    codespace: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists codespaces')),
        view: reads('shows a codespace'),
        logs: reads('shows logs'),
        create: writes('creates a codespace'),
        delete: verb('destroy', 'deletes a codespace with its uncommitted work'),
        '*': writes('acts on a codespace'),
      },
    },
    cs: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists codespaces')),
        delete: verb('destroy', 'deletes a codespace with its uncommitted work'),
        '*': writes('acts on a codespace'),
      },
    },
    extension: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists extensions')),
        search: reads('searches extensions'),
        browse: reads('browses extensions'),
        '*': writes('installs, upgrades, removes or runs an extension'),
      },
    },
    ext: {
      subcommands: { ...aka(['list', 'ls'], reads('lists extensions')), '*': writes('installs, upgrades, removes or runs an extension') },
    },
    alias: { subcommands: { list: reads('lists aliases'), '*': writes('changes aliases') } },
    config: {
      subcommands: {
        get: reads('prints a setting'),
        list: reads('lists settings'),
        'clear-cache': writes('clears the cache'),
        set: writes('changes a setting'),
      },
    },
    ruleset: { subcommands: { '*': reads('shows rulesets') } },
    org: { subcommands: { list: reads('lists organisations') } },
    status: reads('shows your work across repositories'),
    search: reads('searches GitHub'),
    browse: reads('opens a page in the browser'),
    attestation: reads('verifies attestations'),
    completion: reads('prints completions'),
  },
  examples: {
    block: [
      'gh repo delete acme/site --yes',
      'gh auth token',
      'gh auth status --show-token',
      'gh repo edit acme/site --visibility public --accept-visibility-change-consequences',
      'gh release create v1.0.0 dist/*',
      'gh api -X DELETE repos/acme/site',
      'gh api --method PUT repos/acme/site/collaborators/bob -f permission=admin',
      'gh secret set NPM_TOKEN < token.txt',
      'gh pr merge 12 --admin --squash',
      'gh run delete 123456',
      'gh ssh-key add key.pub',
      'gh release edit v1.0.0 --draft=false',
      'gh auth refresh -s delete_repo',
      'gh repo create acme/new --public --source . --push',
    ],
    allow: [
      'gh pr list',
      'gh pr view 12 --json title,body',
      'gh pr checks 12',
      'gh api repos/acme/site/pulls',
      'gh auth status',
      'gh run view 123 --log',
      'gh release list',
      'gh repo view acme/site --json visibility',
      'gh pr merge 12 --squash',
      'gh secret list',
      'gh issue create -t bug -b details',
    ],
  },
};

// ---- GitLab CLI ----

const GLAB_API: CommandSpec = {
  ...reads('sends a GET request to the API'),
  options: [
    valued('-X', '--method'),
    valued('-f', '--raw-field'),
    valued('-F', '--field'),
    valued('-H', '--header'),
    valued('--input'),
    valued('--hostname'),
    flag('--paginate'),
    flag('-i', '--include'),
    flag('--silent'),
  ],
  when: restWhen(['-X'], ['-f', '-F', '--input']),
};

const GLAB: ProgramSpec = {
  names: ['glab'],
  family: 'ci-vcs',
  summary: 'GitLab CLI: projects, merge requests, issues, releases, pipelines, variables and the API',
  options: [valued('-R', '--repo'), ...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    api: GLAB_API,
    mr: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists merge requests')),
        view: reads('shows a merge request'),
        diff: reads("shows a merge request's diff"),
        issues: reads('lists related issues'),
        ...aka(['merge', 'accept'], writes('merges a merge request')),
        approve: writes('approves a merge request'),
        revoke: writes('revokes an approval'),
        create: writes('opens a merge request'),
        new: writes('opens a merge request'),
        update: writes('changes a merge request'),
        note: writes('comments on a merge request'),
        close: writes('closes a merge request'),
        reopen: writes('reopens a merge request'),
        checkout: writes('checks out a merge request'),
        rebase: writes('rebases a merge request'),
        todo: writes('adds a to-do'),
        subscribe: writes('subscribes'),
        unsubscribe: writes('unsubscribes'),
        ...aka(['delete', 'del'], verb('destroy', 'deletes a merge request')),
      },
    },
    issue: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists issues')),
        view: reads('shows an issue'),
        board: reads('shows issue boards'),
        ...aka(['delete', 'del'], verb('destroy', 'deletes an issue')),
        '*': writes('changes an issue'),
      },
    },
    repo: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists projects')),
        view: reads('shows a project'),
        search: reads('searches projects'),
        contributors: reads('lists contributors'),
        archive: writes('downloads an archive of the repository'),
        clone: writes('clones a project'),
        fork: writes('forks a project'),
        mirror: writes('mirrors a project'),
        update: writes('changes a project'),
        ...aka(['delete', 'del'], verb('destroy', 'deletes the project with its issues and history')),
        transfer: verb('privilege', 'moves the project to another namespace'),
        create: {
          ...writes('creates a project'),
          options: [
            flag('--public'),
            flag('--private'),
            flag('--internal'),
            valued('-d', '--description'),
            valued('-g', '--group'),
            valued('-n', '--name'),
            valued('-t', '--tag'),
          ],
          when: [when('privilege', 'creates a public project', [{ name: '--public' }])],
        },
        members: {
          subcommands: {
            add: verb('privilege', 'gives a user access to the project'),
            remove: verb('privilege', "removes a user's access"),
          },
        },
      },
    },
    release: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists releases')),
        view: reads('shows a release'),
        download: writes('downloads release assets'),
        ...aka(['create', 'new'], verb('publish', 'publishes a release')),
        upload: verb('publish', 'adds assets to a published release'),
        delete: verb('destroy', 'deletes a release'),
      },
    },
    ci: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists pipelines')),
        view: reads('shows a pipeline'),
        status: reads('shows pipeline status'),
        trace: reads('shows a job log'),
        get: reads('shows a pipeline'),
        lint: reads('checks the CI configuration'),
        config: reads('shows the CI configuration'),
        run: writes('starts a pipeline'),
        retry: writes('retries a job'),
        cancel: writes('cancels a pipeline'),
        trigger: writes('triggers a job'),
        'run-trig': writes('triggers a pipeline'),
        artifact: writes('downloads artifacts'),
        delete: verb('destroy', 'deletes pipelines with their logs and artifacts'),
      },
    },
    schedule: { subcommands: { ...aka(['list', 'ls'], reads('lists schedules')), '*': writes('changes a pipeline schedule') } },
    variable: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists variables')),
        get: verb('credential', 'prints a CI/CD variable, often a secret'),
        export: verb('credential', 'prints every CI/CD variable with its value'),
        set: writes('sets a variable'),
        update: writes('changes a variable'),
        ...aka(['delete', 'remove'], writes('deletes a variable')),
      },
    },
    auth: {
      subcommands: {
        status: {
          ...reads('shows the login status'),
          options: [flag('-t', '--show-token'), valued('--hostname')],
          when: [when('credential', 'prints the GitLab token', [{ name: '-t' }])],
        },
        login: writes('logs in'),
        logout: writes('logs out'),
        'git-credential': verb('credential', 'hands out the stored token'),
      },
    },
    config: {
      subcommands: {
        get: {
          ...reads('prints a setting'),
          when: [{ operand: '^token$', verb: { effect: 'credential', why: 'prints the stored token' } }],
        },
        set: writes('changes a setting'),
        edit: writes('changes settings'),
      },
    },
    token: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists access tokens')),
        create: verb('credential', 'creates an access token and prints it'),
        rotate: verb('credential', 'rotates an access token and prints the new one'),
        revoke: writes('revokes an access token'),
      },
    },
    securefile: {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists secure files')),
        get: reads("shows a secure file's details"),
        download: verb('credential', 'downloads a secure file (keystores, certificates)'),
        create: writes('uploads a secure file'),
        remove: verb('destroy', 'deletes a secure file'),
      },
    },
    'deploy-key': {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists deploy keys')),
        add: verb('privilege', 'adds a key with access to the project'),
        delete: writes('removes a deploy key'),
      },
    },
    'ssh-key': {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists your SSH keys')),
        get: reads('shows a key'),
        add: verb('privilege', 'adds a key that can push as you'),
        delete: verb('privilege', 'removes one of your SSH keys'),
      },
    },
    'gpg-key': {
      subcommands: {
        ...aka(['list', 'ls'], reads('lists your GPG keys')),
        add: verb('privilege', 'adds a key that signs as you'),
        delete: verb('privilege', 'removes one of your GPG keys'),
      },
    },
    opentofu: {
      subcommands: {
        state: {
          subcommands: {
            list: reads('lists states'),
            download: verb('credential', 'downloads a state file, secrets included'),
            delete: verb('destroy', 'deletes a state'),
            lock: writes('locks a state'),
            unlock: writes('unlocks a state'),
          },
        },
        init: writes('sets up a state backend'),
      },
    },
    label: { subcommands: { ...aka(['list', 'ls'], reads('lists labels')), '*': writes('changes labels') } },
    snippet: { subcommands: { create: writes('creates a snippet') } },
    changelog: reads('generates a changelog'),
    user: reads('shows user events'),
    'check-update': reads('checks for updates'),
    completion: reads('prints completions'),
  },
  examples: {
    block: [
      'glab repo delete acme/site --yes',
      'glab variable get DEPLOY_TOKEN',
      'glab variable export',
      'glab auth status --show-token',
      'glab release create v1.0.0',
      'glab api -X DELETE projects/42',
      'glab ci delete 1234',
      'glab config get token --host gitlab.com',
      'glab token create ci --scope api',
    ],
    allow: [
      'glab mr list',
      'glab mr view 12',
      'glab ci status',
      'glab api projects/42/merge_requests',
      'glab variable list',
      'glab auth status',
      'glab mr merge 12',
    ],
  },
};

// ---- hub (the older GitHub CLI; other commands are passed to git) ----

const HUB: ProgramSpec = {
  names: ['hub'],
  family: 'ci-vcs',
  summary: 'hub: GitHub commands on top of git',
  subcommands: {
    api: {
      ...reads('sends a GET request to the API'),
      options: [
        valued('-X', '--method'),
        valued('-F', '--field'),
        valued('-f', '--raw-field'),
        valued('-H', '--header'),
        valued('--input'),
        valued('--cache'),
        valued('--color'),
        flag('-i', '--include'),
        flag('-t', '--flat'),
        flag('--paginate'),
        flag('--obey-ratelimit'),
      ],
      when: restWhen(['-X'], ['-f', '-F', '--input']),
    },
    delete: verb('destroy', 'deletes the repository with its issues and history'),
    create: writes('creates a repository'),
    fork: writes('forks a repository'),
    'pull-request': writes('opens a pull request'),
    merge: writes('merges a pull request'),
    sync: writes('updates local branches'),
    'ci-status': reads('shows CI status'),
    browse: reads('opens a page in the browser'),
    compare: reads('opens a comparison'),
    pr: {
      subcommands: {
        list: reads('lists pull requests'),
        show: reads('shows a pull request'),
        checkout: writes('checks out a pull request'),
      },
    },
    issue: {
      ...reads('lists issues'),
      subcommands: {
        show: reads('shows an issue'),
        labels: reads('lists labels'),
        create: writes('opens an issue'),
        update: writes('changes an issue'),
        transfer: writes('moves an issue'),
      },
    },
    release: {
      ...reads('lists releases'),
      subcommands: {
        show: reads('shows a release'),
        download: writes('downloads assets'),
        create: verb('publish', 'publishes a release'),
        edit: writes('changes a release'),
        delete: verb('destroy', 'deletes a release'),
      },
    },
    gist: { subcommands: { show: reads('shows a gist'), create: writes('creates a gist') } },
  },
  examples: {
    block: ['hub delete -y acme/site', 'hub release create -m v1 v1.0.0', 'hub api -X DELETE repos/acme/site'],
    allow: ['hub ci-status', 'hub pr list', 'hub api repos/acme/site/pulls'],
  },
};

// ---- Gitea and Forgejo: the tea client and the server's admin CLI ----

const TEA: ProgramSpec = {
  names: ['tea'],
  family: 'ci-vcs',
  summary: 'tea: the Gitea command line client',
  options: [
    valued('-l', '--login'),
    valued('-r', '--repo'),
    valued('-R', '--remote'),
    valued('-o', '--output'),
    ...HELP,
    { names: ['--version'], harmless: true },
  ],
  subcommands: {
    ...aka(['repos', 'repo'], {
      ...reads('lists repositories'),
      subcommands: {
        ...aka(['list', 'ls'], reads('lists repositories')),
        search: reads('searches repositories'),
        create: writes('creates a repository'),
        'create-from-template': writes('creates a repository'),
        fork: writes('forks a repository'),
        migrate: writes('migrates a repository'),
        ...aka(['delete', 'rm'], verb('destroy', 'deletes the repository with its issues and history')),
      },
    }),
    ...aka(['releases', 'release', 'r'], {
      ...reads('lists releases'),
      subcommands: {
        ...aka(['list', 'ls'], reads('lists releases')),
        create: verb('publish', 'publishes a release'),
        edit: writes('changes a release'),
        ...aka(['delete', 'rm'], verb('destroy', 'deletes a release')),
        assets: writes('changes release assets'),
      },
    }),
    ...aka(['pulls', 'pull', 'pr'], {
      ...reads('lists pull requests'),
      subcommands: { ...aka(['list', 'ls'], reads('lists pull requests')), '*': writes('acts on a pull request') },
    }),
    ...aka(['issues', 'issue', 'i'], {
      ...reads('lists issues'),
      subcommands: { ...aka(['list', 'ls'], reads('lists issues')), '*': writes('acts on an issue') },
    }),
    ...aka(['labels', 'label'], {
      ...reads('lists labels'),
      subcommands: { ...aka(['list', 'ls'], reads('lists labels')), '*': writes('changes labels') },
    }),
    ...aka(['organizations', 'organization', 'org'], {
      ...reads('lists organisations'),
      subcommands: {
        ...aka(['list', 'ls'], reads('lists organisations')),
        create: writes('creates an organisation'),
        ...aka(['delete', 'rm'], verb('destroy', 'deletes an organisation')),
      },
    }),
    ...aka(['webhooks', 'webhook', 'hooks'], {
      ...reads('lists webhooks'),
      subcommands: {
        ...aka(['list', 'ls'], reads('lists webhooks')),
        create: verb('privilege', 'sends repository events to a new URL'),
        update: verb('privilege', 'changes where events are sent'),
        ...aka(['delete', 'rm'], writes('deletes a webhook')),
      },
    }),
    ...aka(['logins', 'login'], {
      ...reads('lists logins'),
      subcommands: {
        ...aka(['list', 'ls'], reads('lists logins')),
        add: writes('adds a login'),
        edit: writes('changes a login'),
        ...aka(['delete', 'rm'], writes('removes a login')),
        default: writes('sets the default login'),
      },
    }),
    clone: writes('clones a repository'),
    open: reads('opens a page in the browser'),
    notifications: reads('shows notifications'),
  },
  examples: {
    block: ['tea repos delete acme/site', 'tea releases create --tag v1.0.0', 'tea release delete v0.9'],
    allow: ['tea pulls', 'tea issues ls', 'tea releases list'],
  },
};

const GITEA: ProgramSpec = {
  names: ['gitea', 'forgejo'],
  family: 'ci-vcs',
  summary: 'Gitea and Forgejo server command line: users, auth sources, dumps and maintenance',
  options: [
    valued('-c', '--config'),
    valued('-w', '--work-path'),
    valued('-C', '--custom-path'),
    ...HELP,
    { names: ['--version'], harmless: true },
  ],
  subcommands: {
    admin: {
      subcommands: {
        user: {
          subcommands: {
            list: reads('lists users'),
            create: verb('privilege', 'creates an account'),
            delete: verb('destroy', 'deletes a user with their repositories'),
            'change-password': verb('privilege', "sets a user's password"),
            'must-change-password': writes('makes users change their password'),
            'generate-access-token': verb('credential', 'creates an access token and prints it'),
            'delete-access-token': writes('revokes an access token'),
          },
        },
        auth: {
          subcommands: {
            list: reads('lists authentication sources'),
            delete: verb('privilege', 'removes an authentication source'),
            '*': verb('privilege', 'adds or changes an authentication source'),
          },
        },
        regenerate: writes('regenerates hooks or authorized keys'),
        'repo-sync-releases': writes('syncs releases from tags'),
        sendmail: verb('publish', 'sends an email to every user'),
      },
    },
    dump: verb('credential', 'writes an archive of the database, repositories and settings, secrets included'),
    'restore-repo': writes('restores a repository'),
    doctor: {
      ...reads('checks the installation'),
      subcommands: {
        check: {
          ...reads('checks the installation'),
          options: [flag('--fix')],
          when: [when('write', 'repairs what it finds', [{ name: '--fix' }])],
        },
        'recreate-table': verb('destroy', 'drops and recreates tables'),
        convert: writes('converts the database'),
      },
    },
    generate: { subcommands: { secret: reads('generates a new random secret') } },
    migrate: writes('migrates the database'),
    web: writes('starts the server'),
    manager: writes('sends a command to the running server'),
    cert: writes('creates a certificate'),
    embedded: reads('lists or extracts embedded assets'),
  },
  examples: {
    block: [
      'gitea admin user delete --username bob --purge',
      'gitea admin user create --username eve --password x --email eve@x.io --admin',
      'gitea admin user generate-access-token --username bob',
      'forgejo dump -f /tmp/dump.zip',
    ],
    allow: ['gitea admin user list', 'gitea doctor check'],
  },
};

// ---- CI systems ----

const CIRCLECI: ProgramSpec = {
  names: ['circleci'],
  family: 'ci-vcs',
  summary: 'CircleCI CLI: configs, contexts, orbs, runners and local jobs',
  options: [valued('--host'), valued('--token'), flag('--skip-update-check'), ...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    config: {
      subcommands: {
        validate: reads('checks a config'),
        process: reads('expands a config'),
        pack: reads('packs a config'),
        generate: writes('generates a config'),
        migrate: writes('migrates a config'),
      },
    },
    context: {
      subcommands: {
        list: reads('lists contexts'),
        show: reads("shows a context's variable names"),
        create: writes('creates a context'),
        delete: verb('destroy', 'deletes a context with its secrets'),
        'store-secret': verb('privilege', 'stores a secret that jobs can read'),
        'remove-secret': verb('destroy', 'deletes a secret from a context'),
        'env-var': {
          subcommands: {
            list: reads('lists variable names'),
            create: verb('privilege', 'stores a secret that jobs can read'),
            delete: verb('destroy', 'deletes a secret'),
          },
        },
      },
    },
    project: {
      subcommands: {
        secret: {
          subcommands: {
            list: reads('lists project variable names'),
            create: verb('privilege', 'stores a secret that jobs can read'),
            delete: verb('destroy', 'deletes a project variable'),
          },
        },
        create: writes('creates a project'),
      },
    },
    orb: {
      subcommands: {
        list: reads('lists orbs'),
        info: reads('shows an orb'),
        source: reads("shows an orb's source"),
        validate: reads('checks an orb'),
        process: reads('expands an orb'),
        pack: reads('packs an orb'),
        create: writes('creates an orb'),
        init: writes('creates an orb project'),
        'add-to-category': writes('categorises an orb'),
        'remove-from-category': writes('categorises an orb'),
        publish: {
          ...verb('publish', 'publishes an orb version'),
          subcommands: {
            promote: verb('publish', 'promotes a development orb to a release'),
            increment: verb('publish', 'publishes the next orb version'),
            '*': verb('publish', 'publishes an orb version'),
          },
        },
        unlist: writes('hides an orb from the registry'),
      },
    },
    namespace: { subcommands: { create: writes('creates a namespace'), delete: verb('destroy', 'deletes a namespace') } },
    runner: {
      subcommands: {
        'resource-class': {
          subcommands: {
            list: reads('lists resource classes'),
            create: writes('creates a resource class'),
            delete: verb('destroy', 'deletes a resource class'),
          },
        },
        token: {
          subcommands: {
            list: reads('lists runner tokens'),
            create: verb('credential', 'creates a runner token and prints it'),
            delete: writes('revokes a runner token'),
          },
        },
        instance: { subcommands: { list: reads('lists runner instances') } },
      },
    },
    policy: {
      subcommands: {
        push: writes('changes config policies'),
        diff: reads('compares policies'),
        fetch: reads('fetches policies'),
        decide: reads('evaluates a policy'),
        eval: reads('evaluates a policy'),
        logs: reads('shows decisions'),
        settings: writes('changes policy settings'),
        test: reads('tests policies'),
      },
    },
    local: { subcommands: { execute: writes('runs a job locally in a container') } },
    build: writes('runs a job locally in a container'),
    trigger: writes('triggers a pipeline'),
    setup: writes('stores an API token'),
    diagnostic: reads('checks the setup'),
    info: reads('shows your organisations'),
    open: reads('opens the project page'),
    version: reads('prints the version'),
    update: writes('updates the CLI'),
    completion: reads('prints completions'),
  },
  examples: {
    block: [
      'circleci context delete github acme prod',
      'circleci context store-secret github acme prod AWS_KEY',
      'circleci orb publish orb.yml acme/tools@1.0.0',
      'circleci runner token create acme/rc nickname',
    ],
    allow: ['circleci config validate', 'circleci context list github acme', 'circleci orb info acme/tools'],
  },
};

const JENKINS_CLI: ProgramSpec = {
  names: ['jenkins-cli'],
  family: 'ci-vcs',
  summary: 'Jenkins CLI: jobs, builds, nodes, plugins and scripts on the controller',
  options: [
    valued('-s'),
    valued('-auth'),
    valued('-bearer'),
    valued('-i'),
    valued('-p'),
    valued('-user'),
    valued('-logger'),
    flag('-webSocket'),
    flag('-http'),
    flag('-ssh'),
    flag('-noCertificateCheck'),
    flag('-noKeyAuth'),
    flag('-strictHostKey'),
  ],
  optionsFirst: true,
  subcommands: {
    help: reads('shows help'),
    version: reads('prints the version'),
    'who-am-i': reads('shows the signed-in user'),
    'list-jobs': reads('lists jobs'),
    'get-job': reads("prints a job's configuration"),
    'get-view': reads("prints a view's configuration"),
    'get-node': reads("prints a node's configuration"),
    console: reads("prints a build's log"),
    'list-plugins': reads('lists plugins'),
    'list-credentials': reads('lists credential IDs'),
    'list-credentials-as-xml': reads('lists credentials with their secrets redacted'),
    'list-changes': reads("lists a build's changes"),
    build: writes('starts a build'),
    'stop-builds': writes('stops builds'),
    'create-job': writes('creates a job'),
    'update-job': writes('changes a job'),
    'copy-job': writes('copies a job'),
    'enable-job': writes('enables a job'),
    'disable-job': writes('disables a job'),
    'reload-job': writes('reloads a job'),
    'set-build-description': writes("changes a build's description"),
    'set-build-display-name': writes('renames a build'),
    'keep-build': writes('keeps a build'),
    'create-view': writes('creates a view'),
    'update-view': writes('changes a view'),
    'create-node': writes('creates a node'),
    'update-node': writes('changes a node'),
    'offline-node': writes('takes a node offline'),
    'online-node': writes('brings a node online'),
    'connect-node': writes('connects a node'),
    'disconnect-node': writes('disconnects a node'),
    'wait-node-online': reads('waits for a node'),
    'wait-node-offline': reads('waits for a node'),
    'install-plugin': writes('installs a plugin, code the controller will run'),
    'enable-plugin': writes('enables a plugin'),
    'disable-plugin': writes('disables a plugin'),
    'clear-queue': writes('clears the build queue'),
    'quiet-down': writes('stops new builds'),
    'cancel-quiet-down': writes('resumes builds'),
    'reload-configuration': writes('reloads the configuration'),
    restart: writes('restarts the controller'),
    'safe-restart': writes('restarts the controller'),
    shutdown: writes('stops the controller'),
    'safe-shutdown': writes('stops the controller'),
    'delete-job': verb('destroy', 'deletes jobs with their build history'),
    'delete-builds': verb('destroy', 'deletes builds'),
    'delete-view': verb('destroy', 'deletes views'),
    'delete-node': verb('destroy', 'deletes nodes'),
    'delete-credentials': verb('destroy', 'deletes stored credentials'),
    'create-credentials-by-xml': verb('privilege', 'stores credentials that jobs can use'),
    'update-credentials-by-xml': verb('privilege', 'changes stored credentials'),
    'import-credentials-as-xml': verb('privilege', 'imports credentials'),
    'get-credentials-as-xml': reads('prints a credential with its secret redacted'),
    // Groovy on the controller runs with its full access: users, credentials, every job.
    groovy: verb('privilege', 'runs Groovy code on the controller with its full access'),
    groovysh: verb('privilege', 'runs Groovy code on the controller with its full access'),
  },
  examples: {
    block: [
      'jenkins-cli -s https://ci.x.io -auth @creds delete-job deploy-prod',
      'jenkins-cli -s https://ci.x.io groovy = < script.groovy',
      'jenkins-cli delete-builds api 1-200',
    ],
    allow: ['jenkins-cli -s https://ci.x.io list-jobs', 'jenkins-cli -s https://ci.x.io console api 41', 'jenkins-cli who-am-i'],
  },
};

const GITLAB_RUNNER: ProgramSpec = {
  names: ['gitlab-runner'],
  family: 'ci-vcs',
  summary: 'GitLab Runner: registers this machine to run CI jobs',
  options: [
    valued('-c', '--config'),
    valued('--log-level', '-l'),
    valued('--log-format'),
    valued('--cpuprofile'),
    flag('--debug'),
    ...HELP,
    { names: ['--version'], harmless: true },
  ],
  subcommands: {
    register: verb('privilege', 'lets a GitLab instance run jobs on this machine'),
    unregister: writes('removes runners from GitLab'),
    verify: {
      ...reads('checks that runners can connect'),
      options: [flag('--delete')],
      when: [when('write', 'removes runners that cannot connect', [{ name: '--delete' }])],
    },
    list: reads('lists configured runners'),
    status: reads('shows the service status'),
    run: writes('runs jobs'),
    'run-single': writes('runs jobs'),
    start: writes('starts the service'),
    stop: writes('stops the service'),
    restart: writes('restarts the service'),
    install: writes('installs the service'),
    uninstall: writes('removes the service'),
    'reset-token': writes("resets a runner's token"),
  },
  examples: {
    block: ['gitlab-runner register --non-interactive --url https://gitlab.x.io --token glrt-xxx --executor shell'],
    allow: ['gitlab-runner list', 'gitlab-runner verify', 'gitlab-runner status'],
  },
};

const JF_RT: Record<string, CommandSpec> = {
  ...aka(['ping', 'p'], reads('checks the server')),
  ...aka(['search', 's'], reads('searches artifacts')),
  ...aka(['download', 'dl'], writes('downloads artifacts')),
  ...aka(['upload', 'u'], writes('uploads artifacts')),
  ...aka(['move', 'mv'], writes('moves artifacts')),
  ...aka(['copy', 'cp'], writes('copies artifacts')),
  ...aka(['delete', 'del'], verb('destroy', 'deletes artifacts')),
  ...aka(['set-props', 'sp'], writes('sets properties')),
  ...aka(['delete-props', 'delp'], writes('deletes properties')),
  ...aka(['build-publish', 'bp'], verb('publish', 'publishes build information')),
  ...aka(['build-promote', 'bpr'], verb('publish', 'promotes a build to a release repository')),
  ...aka(['build-discard', 'bdi'], verb('destroy', 'deletes old builds')),
  ...aka(['build-collect-env', 'bce'], writes('records the environment')),
  ...aka(['build-add-git', 'bag'], writes('records git details')),
  'repo-create': writes('creates a repository'),
  'repo-update': writes('changes a repository'),
  'repo-delete': verb('destroy', 'deletes a repository with its artifacts'),
  'user-create': verb('privilege', 'creates a user'),
  'users-create': verb('privilege', 'creates users'),
  'users-delete': verb('privilege', 'deletes users'),
  'group-create': verb('privilege', 'creates a group'),
  'group-add-users': verb('privilege', 'adds users to a group'),
  'group-delete': verb('privilege', 'deletes a group'),
  'permission-target-create': verb('privilege', 'grants permissions'),
  'permission-target-update': verb('privilege', 'changes permissions'),
  'permission-target-delete': verb('privilege', 'removes permissions'),
  ...aka(['access-token-create', 'atc'], verb('credential', 'creates an access token and prints it')),
  curl: {
    ...reads('sends a GET request to the server'),
    options: [valued('-X', '--request'), valued('-d', '--data'), valued('-H', '--header'), valued('--server-id')],
    when: restWhen(['-X'], ['-d']),
  },
};

const JF: ProgramSpec = {
  names: ['jf', 'jfrog'],
  family: 'ci-vcs',
  summary: 'JFrog CLI: Artifactory artifacts, builds, repositories, users and tokens',
  options: [...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    rt: { subcommands: JF_RT },
    ...Object.fromEntries(
      Object.entries(JF_RT).filter(([k]) =>
        [
          'ping',
          'p',
          'search',
          's',
          'download',
          'dl',
          'upload',
          'u',
          'move',
          'mv',
          'copy',
          'cp',
          'delete',
          'del',
          'build-publish',
          'bp',
          'build-promote',
          'bpr',
          'build-discard',
          'bdi',
          'set-props',
          'sp',
          'delete-props',
          'delp',
        ].includes(k),
      ),
    ),
    ...aka(['access-token-create', 'atc'], verb('credential', 'creates an access token and prints it')),
    ...aka(['config', 'c'], {
      subcommands: {
        show: reads('shows server settings with secrets masked'),
        s: reads('shows server settings with secrets masked'),
        export: verb('credential', "exports a server's settings, tokens included"),
        ex: verb('credential', "exports a server's settings, tokens included"),
        add: writes('adds a server'),
        edit: writes('changes a server'),
        remove: writes('removes a server'),
        rm: writes('removes a server'),
        import: writes('imports a server'),
        use: writes('sets the default server'),
      },
    }),
    npm: { subcommands: { publish: verb('publish', 'publishes an npm package'), p: verb('publish', 'publishes an npm package') } },
    docker: { subcommands: { push: verb('publish', 'pushes an image'), promote: verb('publish', 'promotes an image') } },
    mvn: { when: [{ operand: '^(deploy|release:perform)$', verb: { effect: 'publish', why: 'deploys artifacts' } }] },
    gradle: { when: [{ operand: '(^|:)(artifactoryPublish|publish)$', verb: { effect: 'publish', why: 'publishes artifacts' } }] },
    audit: reads('scans dependencies for vulnerabilities'),
    scan: reads('scans files for vulnerabilities'),
  },
  examples: {
    block: [
      'jf rt del "libs-release/com/acme/*"',
      'jf rt repo-delete libs-old',
      'jf atc --expiry 3600',
      'jf c export prod',
      'jfrog rt permission-target-create template.json',
    ],
    allow: ['jf rt ping', 'jf rt s "libs-release/com/acme/*"', 'jf c show', 'jf audit'],
  },
};

const BUILDKITE_AGENT: ProgramSpec = {
  names: ['buildkite-agent'],
  family: 'ci-vcs',
  summary: 'Buildkite agent: runs jobs and talks to the build from inside a job',
  options: [...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    start: writes('starts the agent'),
    pipeline: { subcommands: { upload: writes('adds steps to the running build') } },
    artifact: {
      subcommands: {
        upload: writes('uploads artifacts'),
        download: writes('downloads artifacts'),
        search: reads('searches artifacts'),
        shasum: reads('prints a checksum'),
      },
    },
    'meta-data': {
      subcommands: {
        get: reads('reads build meta-data'),
        exists: reads('checks build meta-data'),
        keys: reads('lists meta-data keys'),
        set: writes('sets build meta-data'),
      },
    },
    secret: { subcommands: { get: verb('credential', 'prints a Buildkite secret') } },
    oidc: { subcommands: { 'request-token': verb('credential', 'prints an OIDC token that clouds accept') } },
    env: {
      subcommands: {
        dump: verb('credential', "prints the job's environment, tokens included"),
        get: reads('prints variables'),
        set: writes('sets variables'),
        unset: writes('unsets variables'),
      },
    },
    annotate: writes('annotates the build'),
    annotation: writes('changes annotations'),
    step: writes('changes a step'),
    lock: writes('takes or releases a lock'),
    redactor: writes('adds values to redact'),
    bootstrap: writes('runs a job'),
    tool: reads('signing and key tools'),
  },
  examples: {
    block: [
      'buildkite-agent secret get DEPLOY_KEY',
      'buildkite-agent oidc request-token --audience sts.amazonaws.com',
      'buildkite-agent env dump',
    ],
    allow: ['buildkite-agent meta-data get release-version', 'buildkite-agent artifact upload "dist/*"', 'buildkite-agent annotate "done"'],
  },
};

const ACT: ProgramSpec = {
  names: ['act'],
  family: 'ci-vcs',
  summary: 'act: runs GitHub Actions workflows locally in containers',
  ...writes("runs the workflow's jobs locally in containers"),
  options: [
    { names: ['-l', '--list'], harmless: true },
    { names: ['-g', '--graph'], harmless: true },
    { names: ['-n', '--dryrun'], harmless: true },
    ...HELP,
    { names: ['--version'], harmless: true },
    { names: ['--privileged'], verb: { effect: 'privilege', why: "runs the job containers privileged, with the host's devices" } },
    { names: ['--container-cap-add'], value: 'required' },
    valued('-W', '--workflows'),
    valued('-j', '--job'),
    valued('-e', '--eventpath'),
    valued('-P', '--platform'),
    valued('-s', '--secret'),
    valued('--secret-file'),
    valued('--var'),
    valued('--var-file'),
    valued('--env'),
    valued('--env-file'),
    valued('--input'),
    valued('--input-file'),
    valued('-C', '--directory'),
    valued('--container-architecture'),
    valued('--container-options'),
    valued('--container-cap-drop'),
    valued('-a', '--actor'),
    valued('--artifact-server-path'),
    valued('--cache-server-path'),
    valued('--network'),
    valued('--matrix'),
    valued('--remote-name'),
    valued('--defaultbranch'),
    valued('--github-instance'),
    valued('--userns'),
    valued('--container-daemon-socket'),
    valued('--concurrent-jobs'),
    flag('-b', '--bind'),
    flag('-r', '--reuse'),
    flag('--rm'),
    flag('-v', '--verbose'),
  ],
  when: [
    when('privilege', 'gives the job containers administrator capabilities', [
      { name: '--container-cap-add', value: '^(SYS_ADMIN|ALL|.*\\$.*)$' },
    ]),
  ],
  examples: {
    block: ['act --privileged push', 'act -j build --container-cap-add SYS_ADMIN'],
    allow: ['act -l', 'act -n pull_request', 'act --help'],
  },
};

const CODEQL: ProgramSpec = {
  names: ['codeql'],
  family: 'ci-vcs',
  summary: 'CodeQL CLI: builds databases (running the build command) and queries them',
  options: [...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    database: {
      subcommands: {
        create: {
          ...writes('creates a database, running the build command'),
          options: [
            { names: ['-c', '--command'], value: 'required', role: SCRIPT },
            valued('-l', '--language'),
            valued('-s', '--source-root'),
            valued('-j', '--threads'),
            valued('-M', '--ram'),
            valued('--working-dir'),
            valued('--db-cluster'),
          ],
        },
        'trace-command': {
          ...writes('runs a command and records the build'),
          operands: [
            { kind: 'path', access: 'write' },
            { ...COMMAND, rest: true },
          ],
          dashDash: 'command',
        },
        analyze: writes('runs queries and writes results'),
        finalize: writes('finalises a database'),
        cleanup: writes('compacts a database'),
        bundle: writes('bundles a database'),
        upgrade: writes('upgrades a database'),
        init: writes('creates an empty database'),
        'index-files': writes('adds files to a database'),
        'print-baseline': reads('prints lines of code'),
        'interpret-results': reads('formats results'),
      },
    },
    github: { subcommands: { 'upload-results': writes('uploads results to GitHub code scanning') } },
    pack: {
      subcommands: {
        publish: verb('publish', 'publishes a query pack'),
        install: writes('installs packs'),
        download: writes('downloads packs'),
        create: writes('builds a pack'),
        init: writes('creates a pack'),
        ls: reads('lists packs'),
      },
    },
    query: { subcommands: { run: reads('runs a query'), compile: reads('compiles queries'), format: writes('formats queries') } },
    resolve: reads('resolves languages, packs and queries'),
    bqrs: reads('reads result files'),
    test: writes('runs query tests'),
    version: reads('prints the version'),
  },
  examples: {
    block: ["codeql database create db -l cpp -c 'rm -rf ~'", 'codeql database trace-command db -- rm -rf ~', 'codeql pack publish'],
    allow: [
      "codeql database create db -l cpp -c 'make -j4'",
      'codeql resolve languages',
      'codeql database analyze db --format=sarif-latest -o out.sarif',
    ],
  },
};

const DRONE: ProgramSpec = {
  names: ['drone'],
  family: 'ci-vcs',
  summary: 'Drone CI command line client',
  options: [valued('-t', '--token'), valued('-s', '--server'), ...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    secret: {
      subcommands: {
        ...aka(['ls', 'list'], reads('lists secret names')),
        info: reads("shows a secret's settings"),
        add: verb('privilege', 'stores a secret that pipelines can read'),
        update: verb('privilege', 'changes a secret'),
        rm: verb('destroy', 'deletes a secret'),
      },
    },
    orgsecret: {
      subcommands: {
        ...aka(['ls', 'list'], reads('lists secret names')),
        info: reads("shows a secret's settings"),
        add: verb('privilege', 'stores a secret that pipelines can read'),
        update: verb('privilege', 'changes a secret'),
        rm: verb('destroy', 'deletes a secret'),
      },
    },
    repo: {
      subcommands: {
        ls: reads('lists repositories'),
        info: reads('shows a repository'),
        enable: writes('activates a repository'),
        disable: writes('deactivates a repository'),
        repair: writes('repairs hooks'),
        chown: writes('takes ownership'),
        sync: writes('syncs repositories'),
        rm: verb('destroy', 'removes a repository with its build history'),
        update: {
          ...writes('changes repository settings'),
          options: [flag('--trusted'), flag('--protected'), valued('--timeout'), valued('--visibility'), valued('--config')],
          when: [
            when('privilege', 'lets the repository run privileged containers', [{ name: '--trusted' }]),
            when('privilege', 'makes the repository public', [{ name: '--visibility', value: '^public$' }]),
          ],
        },
      },
    },
    build: {
      subcommands: {
        ls: reads('lists builds'),
        info: reads('shows a build'),
        last: reads('shows the last build'),
        logs: reads('prints build logs'),
        queue: reads('shows the queue'),
        '*': writes('starts, stops, promotes or rolls back a build'),
      },
    },
    user: {
      subcommands: {
        ls: reads('lists users'),
        info: reads('shows a user'),
        add: verb('privilege', 'creates a user'),
        update: verb('privilege', 'changes a user'),
        rm: writes('removes a user'),
      },
    },
    cron: { subcommands: { ls: reads('lists cron jobs'), info: reads('shows a cron job'), '*': writes('changes cron jobs') } },
    log: { subcommands: { view: reads('prints a log'), purge: verb('destroy', 'deletes logs') } },
    exec: writes('runs a pipeline locally'),
    info: reads('shows the user'),
    lint: reads('checks the configuration'),
    sign: writes('signs the configuration'),
  },
  examples: {
    block: [
      'drone secret rm acme/api --name docker_password',
      'drone secret add acme/api --name aws_key --data @key',
      'drone repo update acme/api --trusted',
    ],
    allow: ['drone build ls acme/api', 'drone secret ls acme/api', 'drone info'],
  },
};

const WOODPECKER: ProgramSpec = {
  names: ['woodpecker-cli'],
  family: 'ci-vcs',
  summary: 'Woodpecker CI command line client',
  options: [valued('-t', '--token'), valued('-s', '--server'), valued('--log-level'), ...HELP, { names: ['--version'], harmless: true }],
  subcommands: {
    repo: {
      subcommands: {
        ls: reads('lists repositories'),
        show: reads('shows a repository'),
        info: reads('shows a repository'),
        add: writes('activates a repository'),
        update: writes('changes repository settings'),
        sync: writes('syncs repositories'),
        repair: writes('repairs hooks'),
        chown: writes('takes ownership'),
        rm: verb('destroy', 'removes a repository with its pipelines'),
        secret: {
          subcommands: {
            ls: reads('lists secret names'),
            show: reads("shows a secret's settings"),
            add: verb('privilege', 'stores a secret that pipelines can read'),
            update: verb('privilege', 'changes a secret'),
            rm: verb('destroy', 'deletes a secret'),
          },
        },
      },
    },
    secret: {
      subcommands: {
        ls: reads('lists secret names'),
        info: reads("shows a secret's settings"),
        add: verb('privilege', 'stores a secret that pipelines can read'),
        update: verb('privilege', 'changes a secret'),
        rm: verb('destroy', 'deletes a secret'),
      },
    },
    pipeline: {
      subcommands: {
        ls: reads('lists pipelines'),
        info: reads('shows a pipeline'),
        show: reads('shows a pipeline'),
        last: reads('shows the last pipeline'),
        logs: reads('prints logs'),
        ps: reads('lists steps'),
        queue: reads('shows the queue'),
        purge: verb('destroy', 'deletes pipelines with their logs'),
        '*': writes('starts, stops or approves a pipeline'),
      },
    },
    user: {
      subcommands: {
        ls: reads('lists users'),
        info: reads('shows a user'),
        add: verb('privilege', 'creates a user'),
        rm: writes('removes a user'),
      },
    },
    exec: writes('runs a pipeline locally'),
    lint: reads('checks the configuration'),
    info: reads('shows the user'),
  },
  examples: {
    block: ['woodpecker-cli secret rm --repository acme/api --name deploy_key', 'woodpecker-cli repo rm acme/api'],
    allow: ['woodpecker-cli pipeline ls acme/api', 'woodpecker-cli lint'],
  },
};

export const CI_VCS: ProgramSpec[] = [
  {
    ...GH,
    subcommands: changingByDefault(
      { help: reads('shows help'), version: reads('prints the version'), ...GH.subcommands },
      'changes repositories, issues or settings on GitHub',
    ),
  },
  GLAB,
  HUB,
  TEA,
  GITEA,
  CIRCLECI,
  JENKINS_CLI,
  GITLAB_RUNNER,
  JF,
  BUILDKITE_AGENT,
  ACT,
  CODEQL,
  DRONE,
  WOODPECKER,
];
