import { describe, expect, test } from 'vitest';
import { containsSecret, redactArgv, redactSecrets, secretKinds } from '../../src/audit/redact.js';

// Each case: text holding a secret, the secret itself (must vanish), and text that must survive.
const SECRETS: [string, string, string, string][] = [
  ['aws-access-key', 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE', 'export AWS_ACCESS_KEY_ID='],
  ['aws secret (assignment)', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI', 'aws_secret_access_key'],
  ['openai', 'curl -H "x-api-key: sk-proj-abcdefghijklmnopqrstuvwx1234"', 'sk-proj-abcdefghijklmnopqrstuvwx1234', 'curl -H'],
  ['anthropic', 'ANTHROPIC_API_KEY=sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA claude', 'sk-ant-api03-AAAA', 'claude'],
  [
    'github classic',
    'git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o/r',
    'ghp_0123456789abcdefghijABCDEFGHIJ012345',
    'github.com/o/r',
  ],
  ['github fine-grained', 'GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_11ABCDEFG0123456789', 'GH='],
  ['slack bot', 'post --token xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp', 'xoxb-123456789012', 'post --token'],
  ['slack webhook', 'curl https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'T000/B000/XXXXXXXX', 'curl'],
  ['pem', 'echo "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----" > k', 'MIIEpAIBAAKCAQEA7', '> k'],
  [
    'pem without its end',
    'cat <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA',
    'b3BlbnNzaC1rZXktdjEAAAA',
    'cat <<EOF',
  ],
  ['url password', 'psql postgres://admin:hunter2@db.internal:5432/prod', 'hunter2', 'db.internal:5432/prod'],
  ['password= in args', 'deploy --db password=hunter2 --fast', 'hunter2', '--fast'],
  ['password in a query string', 'curl "https://x.io/login?user=bob&password=hunter2&next=/"', 'hunter2', 'next=/'],
  ['--password value', 'mysqladmin --password hunter2 status', 'hunter2', 'status'],
  ['mysql -p', 'mysql -u root -phunter2 prod', 'hunter2', 'prod'],
  ['bearer', 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc" x', 'eyJhbGciOiJIUzI1NiJ9', 'curl -H'],
  ['bearer alone', 'http GET api Bearer abcdefghijklmnop', 'abcdefghijklmnop', 'http GET api Bearer'],
  ['quoted value with the other quote inside', `run PASSWORD="it's-secret" now`, "it's-secret", 'now'],
  ['json secret', '{"api_key": "abc123def456", "name": "x"}', 'abc123def456', '"name": "x"'],
  ['stripe', 'STRIPE=sk_live_51Habcdefghijklmnopqrstu', 'sk_live_51Habcdefghijklmnopqrstu', 'STRIPE'],
  ['jwt', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'dozjgNryP4J3jVmNHl0w5N', 'token'],
];

describe('redactSecrets', () => {
  test.each(SECRETS)('%s', (_, text, secret, kept) => {
    expect(containsSecret(text)).toBe(true);
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED]');
    expect(out).toContain(kept);
    expect(containsSecret(out)).toBe(false);
    expect(redactSecrets(out)).toBe(out); // idempotent
  });

  test.each([
    'git commit -m "fix rm -rf handling"',
    'ls -la /tmp && mkdir -p build/out',
    'git log --author=alice --since=yesterday',
    'npm run test -- --reporter=dot',
    'echo sk-short',
    'psql -h localhost -d app -c "select 1"',
    'curl https://example.com/path?page=2',
    'export PATH=/usr/bin:$PATH',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(containsSecret(text)).toBe(false);
    expect(redactSecrets(text)).toBe(text);
  });

  test('names the kinds found', () => {
    expect(secretKinds('AKIAIOSFODNN7EXAMPLE and ghp_0123456789abcdefghijABCDEFGHIJ012345')).toEqual(['aws-access-key', 'github-token']);
  });

  test('stays fast on hostile input', () => {
    const hostile = `${'password='.repeat(20000)}${'a'.repeat(50000)} -----BEGIN PRIVATE KEY-----${'x'.repeat(100000)}`;
    const t = process.hrtime.bigint();
    redactSecrets(hostile);
    // Generous bound: a quadratic pattern would take seconds here.
    expect(Number(process.hrtime.bigint() - t) / 1e6).toBeLessThan(2000);
  });
});

describe('redactArgv', () => {
  test('redacts the value after a secret-taking flag and inside arguments', () => {
    expect(redactArgv(['deploy', '--token', 'abc', '--url', 'https://u:pw@h/x', 'plain'])).toEqual([
      'deploy',
      '--token',
      '[REDACTED]',
      '--url',
      'https://u:[REDACTED]@h/x',
      'plain',
    ]);
  });
});
