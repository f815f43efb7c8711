// Conditional verbs: a verb that applies only when options are given together, an option has a
// certain value, or an operand matches (`scale --all --replicas=0`, `--acl public-read`).
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/core/ir.js';
import { readInvocation } from '../../src/catalogue/read.js';
import { specProblems } from '../../src/catalogue/validate.js';
import type { ProgramSpec } from '../../src/catalogue/spec.js';

const w = (value: string): Word => ({ value, static: !value.includes('$'), raw: value });
const words = (line: string) => line.split(' ').map(w);

const SPEC: ProgramSpec = {
  names: ['tool'],
  family: 'test',
  summary: 'a test tool',
  options: [{ names: ['--all', '-A'] }, { names: ['--acl'], value: 'required' }, { names: ['--dry-run'], harmless: true }],
  when: [{ options: [{ name: '--acl', value: '^(?!private$)' }], verb: { effect: 'privilege', why: 'not private' } }],
  subcommands: {
    scale: {
      options: [{ names: ['--replicas'], value: 'required' }],
      when: [
        { options: [{ name: '--replicas', value: '^0$' }, { name: '--all' }], verb: { effect: 'destroy', why: 'everything to zero' } },
      ],
    },
    grant: { when: [{ operand: '^allUsers', verb: { effect: 'privilege', why: 'public' } }] },
  },
  examples: { block: [], allow: ['tool'] },
};

const effects = (line: string) => readInvocation(SPEC, words(line)).verbs.map((v) => v.effect);

describe('conditional verbs', () => {
  it('apply only when every option is given with a matching value', () => {
    expect(effects('scale deploy --replicas=0 --all')).toEqual(['destroy']);
    expect(effects('scale deploy -A --replicas 0')).toEqual(['destroy']);
    expect(effects('scale deploy --replicas=0')).toEqual([]);
    expect(effects('scale deploy --all --replicas=10')).toEqual([]);
  });

  it('match an option of an outer level, and values only known at run time as written', () => {
    expect(effects('--acl public-read scale x')).toEqual(['privilege']);
    expect(effects('--acl PRIVATE')).toEqual([]);
    expect(effects('--acl $ACL')).toEqual(['privilege']);
  });

  it('match operands', () => {
    expect(effects('grant allUsers:R gs://b')).toEqual(['privilege']);
    expect(effects('grant user:me gs://b')).toEqual([]);
  });

  it('are cancelled by a harmless option', () => {
    expect(readInvocation(SPEC, words('scale x --all --replicas=0 --dry-run')).harmless).toBe(true);
  });

  it('are validated', () => {
    const bad = {
      ...SPEC,
      names: ['bad'],
      when: [{ options: [{ name: 'acl', value: '(' }], verb: { effect: 'nuke', why: '' } }, { verb: { effect: 'read', why: 'x' } }],
    };
    expect(specProblems([bad]).map((p) => p.path)).toEqual([
      'bad.when[0].options',
      'bad.when[0].options',
      'bad.when[0].verb.effect',
      'bad.when[0].verb.why',
      'bad.when[1]',
    ]);
  });
});

describe('subcommands by prefix', () => {
  const AWS_LIKE: ProgramSpec = {
    names: ['cloud'],
    family: 'test',
    summary: 'a cloud CLI',
    subcommands: {
      '*': {
        subcommands: {
          'delete-*': { verb: { effect: 'destroy', why: 'deletes' } },
          'delete-tags*': { verb: { effect: 'write', why: 'untags' } },
          'describe-*': { verb: { effect: 'read', why: 'describes' } },
          'delete-message': { verb: { effect: 'write', why: 'acknowledges' } },
        },
      },
    },
    examples: { block: [], allow: ['cloud'] },
  };
  const read = (line: string) => readInvocation(AWS_LIKE, words(line));

  it('an exact name first, then the longest prefix, then any name', () => {
    expect(read('ec2 delete-vpc --vpc-id v').verbs.map((v) => v.effect)).toEqual(['destroy']);
    expect(read('ec2 delete-tags --resources i').verbs.map((v) => v.effect)).toEqual(['write']);
    expect(read('sqs delete-message --queue-url q').verbs.map((v) => v.effect)).toEqual(['write']);
    expect(read('ec2 describe-instances').path).toEqual(['ec2', 'describe-instances']);
    expect(read('ec2 run-instances').verbs).toEqual([]);
  });

  it('prefix names validate; other patterns do not', () => {
    expect(specProblems([AWS_LIKE])).toEqual([]);
    const bad = { ...AWS_LIKE, names: ['bad'], subcommands: { 'de*lete': {} } };
    expect(specProblems([bad]).map((p) => p.path)).toEqual(['bad.subcommands.de*lete']);
  });
});
