// `docker compose run SERVICE cmd…` (and docker-compose run) runs cmd in a new container of the
// service: the command is judged like `compose exec`'s, not let through unread.
import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../rules/shell/helpers.js';

const ids = async (script: string) => (await matchesOf(script)).map((m) => m.ruleId);

describe('compose run', () => {
  for (const script of [
    'docker compose run web rm -rf /',
    'docker-compose run --rm -e X=1 web rm -rf /',
    'podman compose run -T web rm -rf /',
  ]) {
    it(`judges what ${script} runs`, async () => {
      expect(await ids(script)).toContain('filesystem.recursive_delete_root');
    });
  }
  it('an everyday run stays free of delete findings', async () => {
    expect(await ids('docker compose run --rm web npm test')).not.toContain('filesystem.recursive_delete_root');
  });
});
