import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from '../../src/synth/emit.js';

const tricky = fc.constantFrom('', ' ', 'yes', 'No', 'on', 'OFF', 'null', '~', 'true', '2010-09-09', '0777', '1:20', '1e3', '.5', '-', '- a', 'a: b', 'a #b', '#x', '*ref', '&a', '!tag', '%x', '@x', '`x', "'q'", '"d"', '{a}', '[a]', 'a,b', '${AWS::Region}', 'arn:aws:s3:::x/*', 'line\nbreak', 'tab\there', 'trailing ', '?', ':', 'a:', 'Ref', '$.detail', '1', '-1', '0x1F', '.inf', 'NaN');
const str = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 8 }), tricky);
// Template keys are never empty (and the yaml package's 1.1 mode misreads `- '': x`).
const key = str.filter((k) => k !== '');
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
})).v;

describe('the template emitter', () => {
  it('round-trips any JSON-shaped data through YAML 1.2 and 1.1 readers', () => {
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 5 }), (value) => {
        const text = toYaml(value);
        const expected = JSON.parse(JSON.stringify(value));
        expect(parse(text, { version: '1.2' })).toEqual(expected);
        expect(parse(text, { version: '1.1' })).toEqual(expected);
      }),
      { numRuns: 4000, seed: 1127 },
    );
  });

  it('writes the plain block style people expect in templates', () => {
    expect(toYaml({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'a', Value: 'on' }], Empty: {} } } } })).toBe(
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n        - Key: a\n          Value: 'on'\n      Empty: {}\n",
    );
    expect(toYaml({ Arn: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, List: ['a,b', '{x}', 1, true] })).toBe(
      "Arn:\n  Fn::GetAtt: [OrdersTable, Arn]\nList: ['a,b', '{x}', 1, true]\n",
    );
  });
});

describe('which strings the emitter writes plain', () => {
  // The rules, spelled out: plain characters only, starting with a letter, _, / or $; no YAML
  // 1.1/1.2 keyword, nothing a 1.1 reader takes for a number, no ': ' or ' #' inside, no ':' or
  // ' ' at the end; and, in a key or a flow list, none of , [ ] { }.
  const plainChars = /^[A-Za-z_/$][A-Za-z0-9_ ./:;@$(){}*+,=!?%&^~<>|\\[\]-]*$/;
  const plain = (s: string) =>
    plainChars.test(s) &&
    !/^(y|n|yes|no|on|off|true|false|null|~)$/i.test(s) &&
    !/^([-+]?[0-9_.]*([eE][-+]?[0-9_]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !s.endsWith(':') &&
    !s.endsWith(' ');
  const plainInFlow = (s: string) => plain(s) && !/[,[\]{}]/.test(s);
  const pieces = fc.oneof(fc.constantFrom('y', 'Yes', 'off', 'Null', '~', 'e5', 'E_1', '_', ': ', ' #', ':', ' ', ',', '[', '{', '}', ']', 'Fn::Sub', '${X}', '.inf', '-', '\n', "'"), fc.string({ maxLength: 3 }));
  const strings = fc.array(pieces, { maxLength: 5 }).map((parts) => parts.join(''));

  it('follows the rules for values, keys and flow-list items', () => {
    fc.assert(
      fc.property(strings, (s) => {
        expect(toYaml({ k: s }) === `k: ${s}\n`).toBe(s !== '' && plain(s));
        if (s !== '') expect(toYaml({ [s]: 1 }) === `${s}: 1\n`).toBe(plainInFlow(s));
        expect(toYaml({ k: [s, 'b'] }) === `k: [${s}, b]\n`).toBe(s !== '' && plainInFlow(s));
      }),
      { numRuns: 20000, seed: 7 },
    );
  });
});
