# fish completion for seatbelt. Generated from the command definitions by `seatbelt completion fish`; do not edit.

function __seatbelt_cmd
    set -l cmd seatbelt
    for w in (commandline -opc)[2..-1]
        test "$w" = -- && break
        switch "$cmd $w"
            case 'seatbelt exec'
                set cmd seatbelt_exec
            case 'seatbelt check'
                set cmd seatbelt_check
            case 'seatbelt demo'
                set cmd seatbelt_demo
            case 'seatbelt sql'
                set cmd seatbelt_sql
            case 'seatbelt keys'
                set cmd seatbelt_keys
            case 'seatbelt verify'
                set cmd seatbelt_verify
            case 'seatbelt hook'
                set cmd seatbelt_hook
            case 'seatbelt scan'
                set cmd seatbelt_scan
            case 'seatbelt mcp'
                set cmd seatbelt_mcp
            case 'seatbelt init'
                set cmd seatbelt_init
            case 'seatbelt roles'
                set cmd seatbelt_roles
            case 'seatbelt config'
                set cmd seatbelt_config
            case 'seatbelt completion'
                set cmd seatbelt_completion
            case 'seatbelt_keys init'
                set cmd seatbelt_keys_init
            case 'seatbelt_keys show'
                set cmd seatbelt_keys_show
            case 'seatbelt_hook claude-code'
                set cmd seatbelt_hook_claude-code
            case 'seatbelt_hook codex'
                set cmd seatbelt_hook_codex
            case 'seatbelt_hook gemini'
                set cmd seatbelt_hook_gemini
            case 'seatbelt_hook cursor'
                set cmd seatbelt_hook_cursor
            case 'seatbelt_hook install'
                set cmd seatbelt_hook_install
            case 'seatbelt_hook uninstall'
                set cmd seatbelt_hook_uninstall
            case 'seatbelt_roles list'
                set cmd seatbelt_roles_list
            case 'seatbelt_roles show'
                set cmd seatbelt_roles_show
            case 'seatbelt_roles lint'
                set cmd seatbelt_roles_lint
            case 'seatbelt_roles test'
                set cmd seatbelt_roles_test
            case 'seatbelt_config show'
                set cmd seatbelt_config_show
        end
    end
    echo $cmd
end

complete -c seatbelt -f
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'exec' -d 'decide, seal the decision in the audit trail, then run the command or refuse it'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'check' -d 'print the decision only; nothing is run or sealed (exit 0 allow, 77 refuse)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'demo' -d 'a short tour: allowed and refused actions, sealed into a throw-away trail that is then verified'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'sql' -d 'decide on SQL, seal the decision, then print it or pipe the SQL into a client (exit 0 allow, 77 refuse)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'keys' -d 'Manage the Ed25519 key that signs the audit trail'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'verify' -d 'Check an audit trail: every hash, signature, link and seq (exit 0 intact, 1 findings, 2 usage or I/O error)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'hook' -d 'agent-host hooks (claude-code, codex, gemini, cursor) and their installers'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'scan' -d 'judge the commands that CI workflows, Makefiles, Dockerfiles, package.json scripts and shell scripts will run (exit 1 when any is blocked)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'mcp' -d 'run the MCP server on stdio (tools: govern_action, audit_trail, verify_chain, export_audit_csv)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'init' -d 'scaffold .seatbelt.json (policy and role), create a signing key if missing, and print the next steps'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'roles' -d 'list, show, lint and test role whitelists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'config' -d 'show the effective configuration'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -a 'completion' -d 'print the shell completion script (bash: source it; zsh: put it on $fpath as _seatbelt; fish: ~/.config/fish/completions/)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -s V -l version -d 'output the version number'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l shell -r -F -d 'a shell script, run by /bin/sh -c when allowed'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l json -d 'print the decision as JSON on stderr'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l agent -r -F -d 'the agent id (env SEATBELT_AGENT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_exec' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l shell -r -F -d 'judge a shell script'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l sql -r -F -d 'judge a SQL query'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l dialect -r -F -d 'SQL dialect: postgresql, mysql, mariadb, sqlite, transactsql, bigquery'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l jsonl -d 'read JSON lines on stdin ({"shell"|"argv"|"sql", "dialect"?}) and answer one line each'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l explain -d 'print the analysis: each command with its context and words, and which rule matched'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -l json -d 'print the decision as JSON on stderr'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_check' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_demo' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l dialect -r -F -d 'SQL dialect: postgresql, mysql, mariadb, sqlite, transactsql, bigquery (default: config, else postgresql)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l file -r -F -d 'read the query from a file'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l exec -d 'when allowed, run the client given after -- with the query on its stdin'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l json -d 'print the decision as JSON on stderr'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l agent -r -F -d 'the agent id (env SEATBELT_AGENT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_sql' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys' -a 'init' -d 'Create the signing key pair under $SEATBELT_HOME/keys (default ~/.seatbelt/keys)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys' -a 'show' -d 'Print the public key (PEM and ssh-ed25519) and its fingerprint'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys_init' -l force -d 'replace an existing key (its public key is kept under keys/retired/)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys_init' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys_show' -l json -d 'print {keyId, publicKeyPem, ssh, path} as JSON'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_keys_show' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_verify' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_verify' -l pubkey -r -F -d 'a trusted public key, PEM or ssh-ed25519 (repeatable; default: the keys in $SEATBELT_HOME/keys)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_verify' -l json -d 'print {ok, records, findings, ...} as JSON'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_verify' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -a 'claude-code' -d 'Claude Code PreToolUse hook (reads the hook JSON on stdin)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -a 'codex' -d 'Codex CLI PreToolUse hook (reads the hook JSON on stdin)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -a 'gemini' -d 'Gemini CLI BeforeTool hook (reads the hook JSON on stdin)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -a 'cursor' -d 'Cursor beforeShellExecution / preToolUse hook (reads the hook JSON on stdin)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -a 'install' -d 'install the hook: claude-code (merged into .claude/settings.json) or git (a pre-commit hook running scan --staged)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -a 'uninstall' -d 'remove only seatbelt\'s own hook entry (other hooks and settings are kept)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l no-auto-approve -d 'answer allowed commands with no opinion, so the host\'s own permission prompt still runs'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -l timeout -r -F -d 'answer (blocking) if no decision within this time (default 30)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_claude-code' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l no-auto-approve -d 'answer allowed commands with no opinion, so the host\'s own permission prompt still runs'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -l timeout -r -F -d 'answer (blocking) if no decision within this time (default 30)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_codex' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l no-auto-approve -d 'answer allowed commands with no opinion, so the host\'s own permission prompt still runs'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -l timeout -r -F -d 'answer (blocking) if no decision within this time (default 30)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_gemini' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l no-auto-approve -d 'answer allowed commands with no opinion, so the host\'s own permission prompt still runs'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -l timeout -r -F -d 'answer (blocking) if no decision within this time (default 30)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_cursor' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -a 'claude-code'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -a 'git'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -l project -d 'claude-code: the project settings, ./.claude/settings.json (the default)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -l user -d 'claude-code: the user settings, ~/.claude/settings.json'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -l command -r -F -d 'how the host should run seatbelt (default: the absolute path of this seatbelt)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -l policy -r -F -d 'claude-code: the policy the hook applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -l role -r -F -d 'claude-code: the role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -l audit -r -F -d 'claude-code: the audit file the hook writes'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_install' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_uninstall' -a 'claude-code'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_uninstall' -a 'git'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_uninstall' -l project -d 'claude-code: the project settings, ./.claude/settings.json (the default)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_uninstall' -l user -d 'claude-code: the user settings, ~/.claude/settings.json'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_hook_uninstall' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -l format -x -a 'text json sarif' -d 'output: text, json or sarif (SARIF 2.1.0)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -l json -d 'same as --format json'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -l staged -d 'scan the files staged for commit (their staged content), for a pre-commit hook'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_scan' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l audit -r -F -d 'audit file (env SEATBELT_AUDIT)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l role -r -F -d 'role whose whitelist applies'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l owner -r -F -d 'the human commit owner, e.g. human:alice (env SEATBELT_OWNER)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l agent -r -F -d 'the agent id recorded in the audit trail (default: mcp)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l record-input -d 'store the input (secrets redacted) in the audit record, not only its digest'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -l no-auto-keys -d 'do not create a signing key when none exists'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_mcp' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_init' -l policy -r -F -d 'policy: safe_defaults, read_only, audit_mode, strict_prod, strict_whitelist'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_init' -l role -r -F -d 'role whose whitelist applies (default: none)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_init' -l no-keys -d 'do not create a signing key'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_init' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles' -a 'list' -d 'list the shipped roles and those in $SEATBELT_HOME/roles'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles' -a 'show' -d 'show a role: its file, hash and rules'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles' -a 'lint' -d 'check role files against the format; every bad field is reported (exit 1 when any)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles' -a 'test' -d 'run a role\'s match/notMatch examples through the analyser and print each result (exit 1 when any fails)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_list' -l json -d 'print JSON'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_list' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_show' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_show' -l json -d 'print the role file as JSON, with its path and sha256'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_show' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_lint' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_lint' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_test' -F
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_test' -l json -d 'print one JSON line per example'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_roles_test' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config' -a 'show' -d 'print the effective settings and where each came from (exit 77 when a pinned setting would be loosened)'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l json -d 'print JSON'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l policy -r -F -d 'preview with this policy flag'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l role -r -F -d 'preview with this role flag'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l dialect -r -F -d 'preview with this dialect flag'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l audit -r -F -d 'preview with this audit file flag'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l agent -r -F -d 'preview with this agent id flag'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -l owner -r -F -d 'preview with this owner flag'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_config_show' -s h -l help -d 'display help for command'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_completion' -a 'bash'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_completion' -a 'zsh'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_completion' -a 'fish'
complete -c seatbelt -n 'test (__seatbelt_cmd) = seatbelt_completion' -s h -l help -d 'display help for command'
