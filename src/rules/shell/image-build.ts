// Rules that protect the machine a command runs on, and so do not apply to a container image build
// (a Dockerfile `RUN`, AnalyzeContext.runsIn === 'image_build'). A build step runs in a throw-away
// container whose files, users, processes, crontab, git checkout and credentials are the image's
// own: `rm -rf /var/lib/apt/lists/*` or `chown -R nobody /etc/prometheus` shape the image, they do
// not touch the host. Every rule not listed here still applies, because its effect reaches past the
// container: code fetched and run (curl | sh), secrets sent or baked into a layer, network calls,
// registries, clouds, clusters, databases, git pushes, and fork bombs (which exhaust the build host).
// Findings the analysis cannot decide (parse.*, limits.*) are never listed: they always apply.
// A rule added later applies in images until it is listed here on purpose (fail closed).

export const HOST_ONLY_RULES: ReadonlySet<string> = new Set([
  // The image's own files: deletes, moves and edits of its folders, system files and credentials.
  'filesystem.credential_delete',
  'filesystem.delete',
  'filesystem.find_delete_broad',
  'filesystem.find_delete_dynamic_root',
  'filesystem.recursive_delete_dynamic_target',
  'filesystem.recursive_delete_git_dir',
  'filesystem.recursive_delete_home',
  'filesystem.recursive_delete_outside_project',
  'filesystem.recursive_delete_root',
  'filesystem.recursive_delete_system',
  'filesystem.recursive_delete_workdir',
  'filesystem.system_file_modify',
  'filesystem.system_folder_move',
  // The container's own system: its permissions, users, services, processes, crontab and devices
  // (an unprivileged build sees no host device; `RUN --security=insecure` is judged as the host).
  'disk_system.crontab_remove',
  'disk_system.crontab_write',
  'disk_system.device_write',
  'disk_system.firewall_flush',
  'disk_system.kill_all',
  'disk_system.permissions_system',
  'disk_system.power',
  'disk_system.privileged',
  'disk_system.service_stop',
  // Start-up files, units, cron jobs, SSH keys and git config inside the image configure the image.
  'persistence.git_config_program',
  'persistence.scheduled_job',
  'persistence.service_unit',
  'persistence.shell_startup',
  'persistence.ssh_access',
  'secrets.authorized_keys_write',
  // Reading the image's own credential files (or a build secret mounted for the step) discloses
  // nothing of the operator's; sending them anywhere is still secrets.exfiltration.
  'secrets.credential_read',
  'secrets.env_file_read',
  // A checkout inside the image: local history and work tree only (pushes still apply).
  'git.branch_force_delete',
  'git.checkout_discard',
  'git.clean_force',
  'git.filter_branch',
  'git.history_rewrite',
  'git.reflog_expire',
  'git.reset_hard',
  'git.restore_worktree',
  'git.stash_drop',
  // No seatbelt guards the image: its home, trail, keys and hooks are not there.
  'self_protection.guard_command',
  'self_protection.guarded_path',
  'self_protection.hook_bypass',
]);

/** Whether a rule judges a command in this context (every rule does on the host). */
export function appliesIn(ruleId: string, runsIn: 'host' | 'image_build' | undefined): boolean {
  return runsIn !== 'image_build' || !HOST_ONLY_RULES.has(ruleId);
}
