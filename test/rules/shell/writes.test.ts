// commandWrites, the read_only policy's question: does this command change anything?
import { describe, expect, it } from 'vitest';
import { shellIrFromScript } from '../../../src/analyze/shell/index.js';
import { commandWrites } from '../../../src/rules/shell/index.js';
import { ctx } from './helpers.js';

async function writes(script: string): Promise<boolean> {
  const ir = await shellIrFromScript(script, ctx);
  return ir.commands.some(commandWrites);
}

const WRITES = [
  'rm x', 'mv a b', 'cp a b', 'echo hi > out.txt', 'echo hi >> log', 'ls | tee out.txt', 'dd if=a of=b', 'touch x', 'mkdir d', 'chmod +x s', 'chown u f', 'ln -s a b',
  'truncate -s0 f', "sed -i 's/a/b/' f", "perl -pi -e 's/a/b/' f", 'git commit -m x', 'git push', 'git merge main', 'git rebase main', 'git reset --hard', 'git checkout main',
  'git add .', 'git stash', 'git branch new', 'git tag v1', 'git config user.name me', 'npm install', 'npm run build', 'pip install x', 'sudo apt-get install -y jq',
  'kubectl apply -f x.yaml', 'kubectl delete pod p', 'kubectl scale deploy w --replicas=2', 'terraform apply', 'terraform destroy', 'helm install x ./c', 'docker run app',
  'docker rm -f w', 'docker compose up -d', 'aws s3 cp a s3://b/', 'aws ec2 terminate-instances --instance-ids i', 'gcloud compute instances delete v', 'curl -o f https://x.io',
  'curl -X POST https://x.io', 'curl -d a=1 https://x.io', 'wget https://x.io/f', 'systemctl restart nginx', 'kill 1234', 'crontab f', 'make', 'python3 script.py',
  'python3 -c "open(\'f\', \'w\').write(\'x\')"', 'bash script.sh', 'redis-cli set k v', 'mongosh --eval "db.x.insertOne({})"', 'tar xzf a.tgz', 'unzip a.zip', 'sort -o out in',
  'sudo reboot', '$CMD', 'xargs rm < list', 'find . -delete', 'gh pr create --fill', 'git clone https://x/y', 'npx something', 'vim f',
];

const READS = [
  'ls -la', 'cat f', 'grep -r x .', 'echo hi', 'echo hi > /dev/null', 'cmd 2>/dev/null', 'git status', 'git log', 'git diff', 'git show HEAD', 'git branch', 'git branch -a',
  'git tag', 'git stash list', 'git remote -v', 'git config --get user.name', 'kubectl get pods', 'kubectl describe pod p', 'kubectl logs p', 'helm list', 'terraform plan',
  'terraform fmt -check', 'docker ps', 'docker images', 'docker image ls', 'aws s3 ls', 'aws ec2 describe-instances', 'gcloud compute instances list', 'curl https://x.io',
  'curl -s https://x.io | jq .', 'systemctl status nginx', 'ps aux', 'df -h', 'npm ls', 'npm view x', 'pip list', 'redis-cli get k', 'tar tzf a.tgz', 'unzip -l a.zip',
  'python3 -c "print(1)"', 'node --version', 'find . -name "*.ts"', 'wc -l f', 'sort f', 'head f', 'tail -f log', 'wget --spider https://x.io', 'crontab -l', 'gh pr list',
];

describe('commandWrites', () => {
  it.each(WRITES)('%s writes', async (s) => expect(await writes(s)).toBe(true));
  it.each(READS)('%s only reads', async (s) => expect(await writes(s)).toBe(false));
});
