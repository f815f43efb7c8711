// Everyday scripts must analyse cleanly: the fail-closed checks must not fire on ordinary bash.
import { describe, expect, it } from 'vitest';
import { ids, ir } from './helpers.js';

const SCRIPTS = [
  'ls -la',
  'git status && git diff --stat',
  'git log --oneline -n 20 | head -20',
  "git commit -am 'fix: handle rm -rf in docs'",
  'npm run build -- --watch',
  'npm test 2>&1 | tee test.log',
  'docker compose up -d && docker compose logs -f web',
  'kubectl get pods -n prod -o wide',
  'curl -fsSL https://example.com/install.sh -o install.sh',
  'tar -xzf archive.tar.gz -C /tmp/out',
  "ssh deploy@host 'uptime && df -h'",
  "sed -i 's/foo/bar/g' file.txt",
  "awk '{print $1}' access.log | sort | uniq -c | sort -rn | head",
  "jq '.items[] | .name' data.json",
  'find . -name "*.pyc" -print0 | xargs -0 rm -f',
  'python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt',
  'cd "$(dirname "$0")" && ls',
  'if [[ $# -lt 1 ]]; then echo "usage: $0 file" >&2; exit 1; fi',
  'for f in "${files[@]}"; do echo "$f"; done',
  'echo "${var:-default}" "${#arr[@]}" "${name%.txt}" "${path##*/}"',
  'x=0; count=0; a=1; b=2; x=$((x + 1)); ((count++)); echo $(( (a + b) * 2 ))',
  'export PATH="$HOME/bin:$PATH"',
  'case "$1" in\n  -h|--help) usage ;;\n  start|stop) service app "$1" ;;\n  *) echo "unknown" ;;\nesac',
  'cat <<-EOF\n\tindented $USER\n\tEOF',
  "cat > config.yml <<'EOF'\nkey: value\nlist: [a, b]\nEOF",
  'mapfile -t lines < <(ls -1)',
  'while IFS= read -r line; do\n  echo "$line"\ndone < input.txt',
  'until [ -f ready ]; do sleep 1; done',
  '{ echo a; echo b; } > out.txt 2>&1',
  '(cd sub && make -j4)',
  'command -v git >/dev/null 2>&1 || { echo "no git" >&2; exit 1; }',
  "grep -E '^(foo|bar)$' list.txt",
  'comm -23 <(sort a.txt) <(sort b.txt)',
  'make 2> >(tee err.log >&2)',
  'set -euo pipefail\ntrap \'rm -f "$tmp"\' EXIT\ntmp=$(mktemp)',
  '#!/usr/bin/env bash\n# build the thing\nset -e  # stop on errors\n\nmain() {\n  local -r out="${1:-dist}"\n  mkdir -p "$out"\n}\nmain "$@"',
  'if [ -n "$x" ] && [ -f "$y" ]; then\n  cp "$y" /tmp/\nelif [ -d z ]; then\n  :\nelse\n  true\nfi',
  '[[ $name =~ ^[a-z]+$ ]] && echo ok',
  '[[ -f a && ( -d b || ! -e c ) ]] && echo ok',
  'for ((i = 0; i < 10; i++)); do printf "%d\\n" "$i"; done',
  'select opt in start stop; do break; done',
  'printf \'%s\\n\' "$@" | sort -u',
  'arr=(one "two three" $four); echo "${arr[1]}"',
  'declare -A map=([a]=1 [b]=2); echo "${map[a]}"',
  'exec 3>&1; ls >&3; exec 3>&-',
  "echo $'tab\\there' \"quote\\\"d\" 'it'\\''s'",
  'ls *.txt 2>/dev/null | wc -l',
  'diff -u old.txt new.txt || true',
  'rsync -avz --delete ./dist/ host:/var/www/',
  'psql -h db -U app -c "SELECT count(*) FROM users"',
  'echo hi # trailing comment',
  'cmd --flag=value --other "a b" \\\n  --more x \\\n  --last',
  'time make test',
  'nohup ./server > server.log 2>&1 &',
  'n=0; let "n = n + 1"',
  'wait $!; echo "exit: $?"',
  'echo {a,b,c}.txt ~/docs $HOME/x',
  'read -rp "continue? " ans; [ "$ans" = y ] || exit',
  'find . -type f -mtime +7 -exec rm {} +',
  'test -d build && rm -rf build',
  'echo "$(date +%F) $(git rev-parse --short HEAD)"',
  'f() { echo "$1"; }; f a | tr a-z A-Z',
];

describe('everyday scripts analyse without undecidables', () => {
  for (const src of SCRIPTS) {
    it(JSON.stringify(src.length > 70 ? src.slice(0, 70) + '…' : src), async () => {
      const i = await ir(src);
      expect(i.undecidable).toEqual([]);
      expect(i.commands.length).toBeGreaterThan(0);
    });
  }
  it('ids helper sanity', async () => expect(ids(await ir('$x'))).toEqual(['parse.dynamic_command']));
});
