# bash completion for seatbelt. Generated from the command definitions by `seatbelt completion bash`; do not edit.

_seatbelt() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local cmd=seatbelt i w words
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    [[ $w == -- ]] && return 0
    case "$cmd $w" in
      'seatbelt exec') cmd=seatbelt_exec ;;
      'seatbelt check') cmd=seatbelt_check ;;
      'seatbelt demo') cmd=seatbelt_demo ;;
      'seatbelt sql') cmd=seatbelt_sql ;;
      'seatbelt keys') cmd=seatbelt_keys ;;
      'seatbelt verify') cmd=seatbelt_verify ;;
      'seatbelt audit') cmd=seatbelt_audit ;;
      'seatbelt hook') cmd=seatbelt_hook ;;
      'seatbelt scan') cmd=seatbelt_scan ;;
      'seatbelt mcp') cmd=seatbelt_mcp ;;
      'seatbelt init') cmd=seatbelt_init ;;
      'seatbelt roles') cmd=seatbelt_roles ;;
      'seatbelt config') cmd=seatbelt_config ;;
      'seatbelt completion') cmd=seatbelt_completion ;;
      'seatbelt_keys init') cmd=seatbelt_keys_init ;;
      'seatbelt_keys show') cmd=seatbelt_keys_show ;;
      'seatbelt_keys rotate') cmd=seatbelt_keys_rotate ;;
      'seatbelt_keys export-pub') cmd=seatbelt_keys_export-pub ;;
      'seatbelt_audit tail') cmd=seatbelt_audit_tail ;;
      'seatbelt_audit show') cmd=seatbelt_audit_show ;;
      'seatbelt_audit stats') cmd=seatbelt_audit_stats ;;
      'seatbelt_audit export') cmd=seatbelt_audit_export ;;
      'seatbelt_audit verify-export') cmd=seatbelt_audit_verify-export ;;
      'seatbelt_audit report') cmd=seatbelt_audit_report ;;
      'seatbelt_hook claude-code') cmd=seatbelt_hook_claude-code ;;
      'seatbelt_hook codex') cmd=seatbelt_hook_codex ;;
      'seatbelt_hook gemini') cmd=seatbelt_hook_gemini ;;
      'seatbelt_hook cursor') cmd=seatbelt_hook_cursor ;;
      'seatbelt_hook install') cmd=seatbelt_hook_install ;;
      'seatbelt_hook uninstall') cmd=seatbelt_hook_uninstall ;;
      'seatbelt_roles list') cmd=seatbelt_roles_list ;;
      'seatbelt_roles show') cmd=seatbelt_roles_show ;;
      'seatbelt_roles lint') cmd=seatbelt_roles_lint ;;
      'seatbelt_roles test') cmd=seatbelt_roles_test ;;
      'seatbelt_config show') cmd=seatbelt_config_show ;;
    esac
  done
  case "$cmd $prev" in
    'seatbelt_exec --shell') return 0 ;;
    'seatbelt_exec --policy') return 0 ;;
    'seatbelt_exec --role') return 0 ;;
    'seatbelt_exec --audit') return 0 ;;
    'seatbelt_exec --owner') return 0 ;;
    'seatbelt_exec --agent') return 0 ;;
    'seatbelt_check --shell') return 0 ;;
    'seatbelt_check --sql') return 0 ;;
    'seatbelt_check --dialect') return 0 ;;
    'seatbelt_check --policy') return 0 ;;
    'seatbelt_check --role') return 0 ;;
    'seatbelt_sql --dialect') return 0 ;;
    'seatbelt_sql --file') return 0 ;;
    'seatbelt_sql --policy') return 0 ;;
    'seatbelt_sql --role') return 0 ;;
    'seatbelt_sql --audit') return 0 ;;
    'seatbelt_sql --owner') return 0 ;;
    'seatbelt_sql --agent') return 0 ;;
    'seatbelt_keys_rotate --audit') return 0 ;;
    'seatbelt_keys_rotate --reason') return 0 ;;
    'seatbelt_keys_rotate --owner') return 0 ;;
    'seatbelt_keys_export-pub --out') return 0 ;;
    'seatbelt_verify --pubkey') return 0 ;;
    'seatbelt_verify --keyring') return 0 ;;
    'seatbelt_audit_tail --audit') return 0 ;;
    'seatbelt_audit_tail --decision') return 0 ;;
    'seatbelt_audit_tail --rule') return 0 ;;
    'seatbelt_audit_tail --actor') return 0 ;;
    'seatbelt_audit_tail --since') return 0 ;;
    'seatbelt_audit_tail --until') return 0 ;;
    'seatbelt_audit_tail -n'|'seatbelt_audit_tail --lines') return 0 ;;
    'seatbelt_audit_show --audit') return 0 ;;
    'seatbelt_audit_stats --audit') return 0 ;;
    'seatbelt_audit_stats --decision') return 0 ;;
    'seatbelt_audit_stats --rule') return 0 ;;
    'seatbelt_audit_stats --actor') return 0 ;;
    'seatbelt_audit_stats --since') return 0 ;;
    'seatbelt_audit_stats --until') return 0 ;;
    'seatbelt_audit_stats --by') return 0 ;;
    'seatbelt_audit_export --audit') return 0 ;;
    'seatbelt_audit_export --decision') return 0 ;;
    'seatbelt_audit_export --rule') return 0 ;;
    'seatbelt_audit_export --actor') return 0 ;;
    'seatbelt_audit_export --since') return 0 ;;
    'seatbelt_audit_export --until') return 0 ;;
    'seatbelt_audit_export --out') return 0 ;;
    'seatbelt_audit_verify-export --sig') return 0 ;;
    'seatbelt_audit_verify-export --keyring') return 0 ;;
    'seatbelt_audit_verify-export --pubkey') return 0 ;;
    'seatbelt_audit_report --audit') return 0 ;;
    'seatbelt_audit_report --decision') return 0 ;;
    'seatbelt_audit_report --rule') return 0 ;;
    'seatbelt_audit_report --actor') return 0 ;;
    'seatbelt_audit_report --since') return 0 ;;
    'seatbelt_audit_report --until') return 0 ;;
    'seatbelt_audit_report --out') return 0 ;;
    'seatbelt_audit_report --title') return 0 ;;
    'seatbelt_audit_report --keyring') return 0 ;;
    'seatbelt_hook_claude-code --audit') return 0 ;;
    'seatbelt_hook_claude-code --policy') return 0 ;;
    'seatbelt_hook_claude-code --role') return 0 ;;
    'seatbelt_hook_claude-code --owner') return 0 ;;
    'seatbelt_hook_claude-code --timeout') return 0 ;;
    'seatbelt_hook_codex --audit') return 0 ;;
    'seatbelt_hook_codex --policy') return 0 ;;
    'seatbelt_hook_codex --role') return 0 ;;
    'seatbelt_hook_codex --owner') return 0 ;;
    'seatbelt_hook_codex --timeout') return 0 ;;
    'seatbelt_hook_gemini --audit') return 0 ;;
    'seatbelt_hook_gemini --policy') return 0 ;;
    'seatbelt_hook_gemini --role') return 0 ;;
    'seatbelt_hook_gemini --owner') return 0 ;;
    'seatbelt_hook_gemini --timeout') return 0 ;;
    'seatbelt_hook_cursor --audit') return 0 ;;
    'seatbelt_hook_cursor --policy') return 0 ;;
    'seatbelt_hook_cursor --role') return 0 ;;
    'seatbelt_hook_cursor --owner') return 0 ;;
    'seatbelt_hook_cursor --timeout') return 0 ;;
    'seatbelt_hook_install --command') return 0 ;;
    'seatbelt_hook_install --policy') return 0 ;;
    'seatbelt_hook_install --role') return 0 ;;
    'seatbelt_hook_install --audit') return 0 ;;
    'seatbelt_scan --format') COMPREPLY=($(compgen -W 'text json sarif' -- "$cur")); return 0 ;;
    'seatbelt_scan --policy') return 0 ;;
    'seatbelt_scan --role') return 0 ;;
    'seatbelt_mcp --policy') return 0 ;;
    'seatbelt_mcp --role') return 0 ;;
    'seatbelt_mcp --audit') return 0 ;;
    'seatbelt_mcp --owner') return 0 ;;
    'seatbelt_mcp --agent') return 0 ;;
    'seatbelt_init --policy') return 0 ;;
    'seatbelt_init --role') return 0 ;;
    'seatbelt_config_show --policy') return 0 ;;
    'seatbelt_config_show --role') return 0 ;;
    'seatbelt_config_show --dialect') return 0 ;;
    'seatbelt_config_show --audit') return 0 ;;
    'seatbelt_config_show --agent') return 0 ;;
    'seatbelt_config_show --owner') return 0 ;;
  esac
  case $cmd in
    seatbelt) words='exec check demo sql keys verify audit hook scan mcp init roles config completion -V --version -h --help' ;;
    seatbelt_exec) words='--shell --policy --role --json --audit --owner --agent --record-input --no-auto-keys -h --help' ;;
    seatbelt_check) words='--shell --sql --dialect --jsonl --explain --policy --role --json -h --help' ;;
    seatbelt_demo) words='-h --help' ;;
    seatbelt_sql) words='--dialect --file --exec --policy --role --json --audit --owner --agent --record-input --no-auto-keys -h --help' ;;
    seatbelt_keys) words='init show rotate export-pub -h --help' ;;
    seatbelt_keys_init) words='--force -h --help' ;;
    seatbelt_keys_show) words='--json -h --help' ;;
    seatbelt_keys_rotate) words='--audit --reason --owner --json -h --help' ;;
    seatbelt_keys_export-pub) words='--out -h --help' ;;
    seatbelt_verify) words='--pubkey --keyring --json -h --help' ;;
    seatbelt_audit) words='tail show stats export verify-export report -h --help' ;;
    seatbelt_audit_tail) words='--audit --decision --rule --actor --since --until -n --lines -f --follow --json -h --help' ;;
    seatbelt_audit_show) words='--audit --json -h --help' ;;
    seatbelt_audit_stats) words='--audit --decision --rule --actor --since --until --by --json -h --help' ;;
    seatbelt_audit_export) words='--audit --decision --rule --actor --since --until --csv --out --force -h --help' ;;
    seatbelt_audit_verify-export) words='--sig --keyring --pubkey --json -h --help' ;;
    seatbelt_audit_report) words='--audit --decision --rule --actor --since --until --html --out --title --keyring -h --help' ;;
    seatbelt_hook) words='claude-code codex gemini cursor install uninstall -h --help' ;;
    seatbelt_hook_claude-code) words='--audit --policy --role --owner --record-input --no-auto-keys --no-auto-approve --timeout -h --help' ;;
    seatbelt_hook_codex) words='--audit --policy --role --owner --record-input --no-auto-keys --no-auto-approve --timeout -h --help' ;;
    seatbelt_hook_gemini) words='--audit --policy --role --owner --record-input --no-auto-keys --no-auto-approve --timeout -h --help' ;;
    seatbelt_hook_cursor) words='--audit --policy --role --owner --record-input --no-auto-keys --no-auto-approve --timeout -h --help' ;;
    seatbelt_hook_install) words='claude-code git --project --user --command --policy --role --audit -h --help' ;;
    seatbelt_hook_uninstall) words='claude-code git --project --user -h --help' ;;
    seatbelt_scan) words='--format --json --staged --policy --role -h --help' ;;
    seatbelt_mcp) words='--policy --role --audit --owner --agent --record-input --no-auto-keys -h --help' ;;
    seatbelt_init) words='--policy --role --no-keys -h --help' ;;
    seatbelt_roles) words='list show lint test -h --help' ;;
    seatbelt_roles_list) words='--json -h --help' ;;
    seatbelt_roles_show) words='--json -h --help' ;;
    seatbelt_roles_lint) words='-h --help' ;;
    seatbelt_roles_test) words='--json -h --help' ;;
    seatbelt_config) words='show -h --help' ;;
    seatbelt_config_show) words='--json --policy --role --dialect --audit --agent --owner -h --help' ;;
    seatbelt_completion) words='bash zsh fish -h --help' ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -o bashdefault -F _seatbelt seatbelt
