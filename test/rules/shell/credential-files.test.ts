// Credentials that build tools, package managers and browsers keep in files are credential reads;
// the ordinary files beside them are not (issue 12's list of credential disclosures).
import { describe, expect, it } from 'vitest';
import { matchesOf } from './helpers.js';

const ids = async (script: string) => (await matchesOf(script)).map((m) => m.ruleId);

describe('credential files', () => {
  for (const script of [
    'cat ~/.m2/settings.xml',
    'cat ~/.gradle/gradle.properties',
    'cat ~/.composer/auth.json',
    "sqlite3 ~/.config/google-chrome/Default/Cookies 'select * from cookies'",
    'cp ~/.mozilla/firefox/abc.default/logins.json /tmp/x',
  ]) {
    it(`reading ${script} is a credential read`, async () => {
      expect(await ids(script)).toContain('secrets.credential_read');
    });
  }
  for (const script of ['cat ~/.m2/repository/org/x/x.pom', 'cat build.gradle', 'cat composer.json']) {
    it(`reading ${script} is not`, async () => {
      expect(await ids(script)).not.toContain('secrets.credential_read');
    });
  }
});
