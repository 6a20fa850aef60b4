import { describe, expect, it } from 'vitest';
import { compilePattern, matchesPattern, validatePattern } from '../../src/pattern/index.js';

type Case = [name: string, pattern: unknown, event: unknown, expected: boolean];

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    it.each(cases)('%s', (_name, pattern, event, expected) => {
      expect(validatePattern(pattern)).toEqual([]);
      expect(matchesPattern(pattern, event)).toBe(expected);
      expect(compilePattern(pattern)(event)).toBe(expected);
    });
  });
}

table('exact values', [
  ['equal string', { source: ['aws.ec2'] }, { source: 'aws.ec2' }, true],
  ['strings are case-sensitive', { source: ['aws.ec2'] }, { source: 'AWS.EC2' }, false],
  ['any value of the list', { source: ['aws.ec2', 'aws.fargate'] }, { source: 'aws.fargate' }, true],
  ['none of the list', { source: ['aws.ec2', 'aws.fargate'] }, { source: 'aws.s3' }, false],
  ['missing field', { source: ['aws.ec2'] }, { 'detail-type': 'x' }, false],
  ['other fields are ignored', { source: ['a'] }, { source: 'a', id: '1', detail: { x: 1 } }, true],
  ['string pattern vs number', { n: ['5'] }, { n: 5 }, false],
  ['number pattern vs string', { n: [5] }, { n: '5' }, false],
  ['numbers compare numerically (300 vs 3e2)', { n: [300] }, { n: 3e2 }, true],
  ['numbers compare numerically (300.0 vs 300)', { n: [300.0] }, { n: 300 }, true],
  ['0.1 equals 0.10', { n: [0.1] }, { n: 0.1 }, true],
  ['different numbers', { n: [300] }, { n: 300.5 }, false],
  ['negative numbers', { n: [-2.5] }, { n: -2.5 }, true],
  ['number beyond 5e9 compares as the same literal', { n: [123456789012] }, { n: 123456789012 }, true],
  ['number beyond 5e9, different', { n: [123456789012] }, { n: 123456789013 }, false],
  ['number with 7 decimals compares as the same literal', { n: [0.1234567] }, { n: 0.1234567 }, true],
  ['true', { b: [true] }, { b: true }, true],
  ['true vs "true"', { b: [true] }, { b: 'true' }, false],
  ['false vs missing', { b: [false] }, {}, false],
  ['false vs 0', { b: [false] }, { b: 0 }, false],
  ['null matches null', { x: [null] }, { x: null }, true],
  ['null does not match a missing field', { x: [null] }, {}, false],
  ['null does not match an empty string', { x: [null] }, { x: '' }, false],
  ['empty string matches empty string', { x: [''] }, { x: '' }, true],
  ['empty string does not match null', { x: [''] }, { x: null }, false],
  ['empty string does not match a missing field', { x: [''] }, {}, false],
  ['"null" string vs null', { x: ['null'] }, { x: null }, false],
  ['nested field', { detail: { state: ['running'] } }, { detail: { state: 'running' } }, true],
  ['nested field at the wrong level', { detail: { state: ['running'] } }, { state: 'running' }, false],
  ['a leaf pattern does not match an object', { detail: ['x'] }, { detail: { a: 'x' } }, false],
  ['deeply nested', { a: { b: { c: [1] } } }, { a: { b: { c: 1, d: 2 } } }, true],
  ['dotted key names the nested field (as EventBridge does)', { 'detail.state': ['x'] }, { detail: { state: 'x' } }, true],
  ['IP value matches the same address written differently', { ip: ['10.0.0.1'] }, { ip: '010.0.0.1' }, true],
  ['IPv6 value matches its expanded form', { ip: ['2001:db8::1'] }, { ip: '2001:0DB8:0:0:0:0:0:1' }, true],
  ['IP value, other address', { ip: ['10.0.0.1'] }, { ip: '10.0.0.2' }, false],
  ['event that is not an object', { a: ['x'] }, 'x', false],
  ['event that is a list', { a: ['x'] }, [{ a: 'x' }], false],
  ['event that is null', { a: ['x'] }, null, false],
]);

table('arrays in the event', [
  ['any element matches', { resources: ['arn:2'] }, { resources: ['arn:1', 'arn:2'] }, true],
  ['no element matches', { resources: ['arn:3'] }, { resources: ['arn:1', 'arn:2'] }, false],
  ['intersection of two lists', { r: ['a', 'b', 'c'] }, { r: ['x', 'c'] }, true],
  ['empty array matches nothing', { r: ['x'] }, { r: [] }, false],
  ['nested arrays are flattened', { a: ['x'] }, { a: [['y'], ['z', 'x']] }, true],
  ['array of objects', { employees: { firstName: ['Anna'] } }, { employees: [{ firstName: 'John' }, { firstName: 'Anna' }] }, true],
  [
    'fields must come from the same element',
    { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
    { employees: [{ firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] },
    false,
  ],
  [
    'fields from the same element',
    { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
    { employees: [{ firstName: 'Peter', lastName: 'Smith' }, { firstName: 'Anna', lastName: 'Jones' }] },
    true,
  ],
  [
    'different arrays are independent',
    { a: { x: ['1'] }, b: { y: ['2'] } },
    { a: [{ x: '0' }, { x: '1' }], b: [{ y: '2' }, { y: '3' }] },
    true,
  ],
  [
    'nested arrays of objects stay consistent',
    { orders: { items: { sku: ['A'], qty: [2] } } },
    { orders: [{ items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] }, { items: [{ sku: 'A', qty: 2 }] }] },
    true,
  ],
  [
    'nested arrays of objects, inconsistent',
    { orders: { items: { sku: ['A'], qty: [2] } } },
    { orders: [{ items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] }] },
    false,
  ],
  ['array at the top of a nested pattern', { detail: { tags: ['vip'] } }, { detail: { tags: ['new', 'vip'] } }, true],
  ['array with mixed types', { v: [1] }, { v: ['1', 1, null] }, true],
]);

table('prefix', [
  ['matches a prefix', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' }, true],
  ['other prefix', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-03T18:43:48Z' }, false],
  ['whole value', { s: [{ prefix: 'abc' }] }, { s: 'abc' }, true],
  ['longer than the value', { s: [{ prefix: 'abcd' }] }, { s: 'abc' }, false],
  ['case-sensitive', { s: [{ prefix: 'Ev' }] }, { s: 'event' }, false],
  ['only strings', { n: [{ prefix: '1' }] }, { n: 123 }, false],
  ['empty prefix matches any string', { s: [{ prefix: '' }] }, { s: 'x' }, true],
  ['empty prefix does not match a number', { s: [{ prefix: '' }] }, { s: 5 }, false],
  ['empty prefix does not match null', { s: [{ prefix: '' }] }, { s: null }, false],
  ['in an array', { s: [{ prefix: 'b' }] }, { s: ['a', 'bc'] }, true],
  ['missing field', { s: [{ prefix: 'a' }] }, {}, false],
  ['ignoring case', { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { service: 'eventbridge' }, true],
  ['ignoring case, upper', { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'EVENTBRIDGE' }, true],
  ['ignoring case, not a prefix', { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'my-eventbridge' }, false],
  ['ignoring case, only strings', { n: [{ prefix: { 'equals-ignore-case': '1' } }] }, { n: 12 }, false],
]);

table('suffix', [
  ['matches a suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
  ['case-sensitive', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' }, false],
  ['other suffix', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.jpg' }, false],
  ['only strings', { n: [{ suffix: '5' }] }, { n: 15 }, false],
  ['ignoring case', { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { FileName: 'IMAGE.PNG' }, true],
  ['ignoring case, other suffix', { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { FileName: 'image.jpeg' }, false],
]);

table('equals-ignore-case', [
  ['upper-case value', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'ALICE' }, true],
  ['mixed case', { name: [{ 'equals-ignore-case': 'AlIcE' }] }, { name: 'aLiCe' }, true],
  ['different string', { name: [{ 'equals-ignore-case': 'alice' }] }, { name: 'alicia' }, false],
  ['prefix only is not equal', { name: [{ 'equals-ignore-case': 'ali' }] }, { name: 'alice' }, false],
  ['non-ASCII letters', { city: [{ 'equals-ignore-case': 'école' }] }, { city: 'ÉCOLE' }, true],
  ['only strings', { n: [{ 'equals-ignore-case': '5' }] }, { n: 5 }, false],
  ['empty string', { s: [{ 'equals-ignore-case': '' }] }, { s: '' }, true],
]);

table('wildcard', [
  ['star in the middle', { source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleNotificationService' }, true],
  ['star matches nothing', { source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleService' }, true],
  ['case-sensitive', { source: [{ wildcard: 'Simple*Service' }] }, { source: 'simpleService' }, false],
  ['leading star', { f: [{ wildcard: '*.png' }] }, { f: 'dir/a.png' }, true],
  ['star crosses slashes', { f: [{ wildcard: 'dir/*.png' }] }, { f: 'dir/sub/a.png' }, true],
  ['several stars', { f: [{ wildcard: 'a*b*c' }] }, { f: 'aXXbYYc' }, true],
  ['several stars, order matters', { f: [{ wildcard: 'a*b*c' }] }, { f: 'acb' }, false],
  ['repeated literal needs two occurrences', { f: [{ wildcard: 'a*a*b' }] }, { f: 'ab' }, false],
  ['repeated literal', { f: [{ wildcard: 'a*a*b' }] }, { f: 'aab' }, true],
  ['no star is an exact match', { f: [{ wildcard: 'abc' }] }, { f: 'abcd' }, false],
  ['escaped star is literal', { f: [{ wildcard: 'a\\*b' }] }, { f: 'a*b' }, true],
  ['escaped star does not match other text', { f: [{ wildcard: 'a\\*b' }] }, { f: 'axb' }, false],
  ['escaped backslash', { f: [{ wildcard: 'a\\\\b' }] }, { f: 'a\\b' }, true],
  ['lone star matches an empty string', { f: [{ wildcard: '*' }] }, { f: '' }, true],
  ['lone star does not match a number', { f: [{ wildcard: '*' }] }, { f: 1 }, false],
  ['empty wildcard matches only an empty string', { f: [{ wildcard: '' }] }, { f: 'a' }, false],
  ['dots and brackets are literal', { f: [{ wildcard: '[a].*' }] }, { f: '[a].txt' }, true],
  ['no blow-up on a near miss', { f: [{ wildcard: '*a*a*a*b' }] }, { f: 'a'.repeat(50000) }, false],
]);

table('anything-but', [
  ['single string, other value', { state: [{ 'anything-but': 'initializing' }] }, { state: 'running' }, true],
  ['single string, same value', { state: [{ 'anything-but': 'initializing' }] }, { state: 'initializing' }, false],
  ['single string, missing field', { state: [{ 'anything-but': 'initializing' }] }, {}, false],
  ['single string vs a number', { state: [{ 'anything-but': '5' }] }, { state: 5 }, true],
  ['single string vs null', { state: [{ 'anything-but': 'x' }] }, { state: null }, true],
  ['single number, other value', { x: [{ 'anything-but': 123 }] }, { x: 124 }, true],
  ['single number, same value', { x: [{ 'anything-but': 123 }] }, { x: 123 }, false],
  ['single number, same value written 1.23e2', { x: [{ 'anything-but': 123 }] }, { x: 1.23e2 }, false],
  ['single number vs the string', { x: [{ 'anything-but': 123 }] }, { x: '123' }, true],
  ['list of strings', { state: [{ 'anything-but': ['stopped', 'overloaded'] }] }, { state: 'running' }, true],
  ['list of strings, excluded', { state: [{ 'anything-but': ['stopped', 'overloaded'] }] }, { state: 'stopped' }, false],
  ['list of numbers', { x: [{ 'anything-but': [100, 200, 300] }] }, { x: 100.1 }, true],
  ['list of numbers, excluded', { x: [{ 'anything-but': [100, 200, 300] }] }, { x: 200 }, false],
  ['event array with one other value', { s: [{ 'anything-but': 'a' }] }, { s: ['a', 'b'] }, true],
  ['event array of excluded values', { s: [{ 'anything-but': ['a', 'b'] }] }, { s: ['a', 'b'] }, false],
  ['event empty array', { s: [{ 'anything-but': 'a' }] }, { s: [] }, false],
  ['an object value is not a leaf', { s: [{ 'anything-but': 'a' }] }, { s: { x: 'b' } }, false],
  ['prefix, other value', { state: [{ 'anything-but': { prefix: 'init' } }] }, { state: 'running' }, true],
  ['prefix, excluded', { state: [{ 'anything-but': { prefix: 'init' } }] }, { state: 'initializing' }, false],
  ['prefix vs a number', { state: [{ 'anything-but': { prefix: '1' } }] }, { state: 123 }, true],
  ['prefix list', { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { region: 'ap-south-1' }, true],
  ['prefix list, excluded', { region: [{ 'anything-but': { prefix: ['us-', 'eu-'] } }] }, { region: 'eu-west-1' }, false],
  ['suffix, other value', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.jpg' }, true],
  ['suffix, excluded', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' }, false],
  ['equals-ignore-case, excluded in any case', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'INITIALIZING' }, false],
  ['equals-ignore-case, other value', { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'running' }, true],
  ['equals-ignore-case list', { s: [{ 'anything-but': { 'equals-ignore-case': ['a', 'B'] } }] }, { s: 'b' }, false],
  ['wildcard, excluded', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: 'src/lib/x.js' }, false],
  ['wildcard, other value', { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: 'src/app/x.js' }, true],
  ['wildcard list', { f: [{ 'anything-but': { wildcard: ['*.png', '*.jpg'] } }] }, { f: 'a.gif' }, true],
]);

table('numeric', [
  ['inside a range', { c: [{ numeric: ['>', 0, '<=', 5] }] }, { c: 5 }, true],
  ['open lower bound', { c: [{ numeric: ['>', 0, '<=', 5] }] }, { c: 0 }, false],
  ['just above the upper bound', { c: [{ numeric: ['>', 0, '<=', 5] }] }, { c: 5.000001 }, false],
  ['just above the lower bound', { c: [{ numeric: ['>', 0, '<=', 5] }] }, { c: 0.000001 }, true],
  ['closed lower, open upper', { c: [{ numeric: ['>=', 10, '<', 20] }] }, { c: 10 }, true],
  ['open upper bound', { c: [{ numeric: ['>=', 10, '<', 20] }] }, { c: 20 }, false],
  ['less than', { d: [{ numeric: ['<', 10] }] }, { d: 9.999999 }, true],
  ['less than, equal', { d: [{ numeric: ['<', 10] }] }, { d: 10 }, false],
  ['less or equal', { d: [{ numeric: ['<=', 10] }] }, { d: 10 }, true],
  ['greater or equal', { d: [{ numeric: ['>=', 10] }] }, { d: 10 }, true],
  ['greater than, negative', { d: [{ numeric: ['>', -10] }] }, { d: -9.5 }, true],
  ['equals', { x: [{ numeric: ['=', 3.018e2] }] }, { x: 301.8 }, true],
  ['equals, other number', { x: [{ numeric: ['=', 301.8] }] }, { x: 301.81 }, false],
  ['a numeric string is not a number', { c: [{ numeric: ['>', 0] }] }, { c: '3' }, false],
  ['null is not a number', { c: [{ numeric: ['>', 0] }] }, { c: null }, false],
  ['missing field', { c: [{ numeric: ['>', 0] }] }, {}, false],
  ['six decimals are compared', { c: [{ numeric: ['>', 0] }] }, { c: 0.000001 }, true],
  ['more than six decimals take no part', { c: [{ numeric: ['>', 0] }] }, { c: 0.0000001 }, false],
  ['more than six decimals, not even equal', { c: [{ numeric: ['>=', 1] }] }, { c: 1.0000001 }, false],
  ['5e9 is the largest comparable number', { c: [{ numeric: ['>', 0] }] }, { c: 5e9 }, true],
  ['beyond 5e9 takes no part', { c: [{ numeric: ['>', 0] }] }, { c: 5000000001 }, false],
  ['beyond -5e9 takes no part', { c: [{ numeric: ['<', 0] }] }, { c: -5000000001 }, false],
  ['-5e9 is the smallest comparable number', { c: [{ numeric: ['<', 0] }] }, { c: -5e9 }, true],
  ['any element of an event array', { c: [{ numeric: ['>', 10] }] }, { c: [1, 20] }, true],
  ['no element of an event array', { c: [{ numeric: ['>', 10] }] }, { c: [1, 2] }, false],
  ['two ranges are alternatives', { c: [{ numeric: ['<', 10] }, { numeric: ['>', 20] }] }, { c: 25 }, true],
  ['two ranges, between them', { c: [{ numeric: ['<', 10] }, { numeric: ['>', 20] }] }, { c: 15 }, false],
  ['-0 equals 0', { c: [{ numeric: ['=', 0] }] }, { c: -0 }, true],
]);

table('exists', [
  ['exists: a number', { c: [{ exists: true }] }, { c: 5 }, true],
  ['exists: an empty string', { c: [{ exists: true }] }, { c: '' }, true],
  ['exists: null is a value', { c: [{ exists: true }] }, { c: null }, true],
  ['exists: missing', { c: [{ exists: true }] }, {}, false],
  ['exists: an object is not a leaf', { c: [{ exists: true }] }, { c: { c1: 100 } }, false],
  ['exists: an empty array has no value', { c: [{ exists: true }] }, { c: [] }, false],
  ['exists: an array with a value', { c: [{ exists: true }] }, { c: [1] }, true],
  ['does not exist: missing', { c: [{ exists: false }] }, { d: 1 }, true],
  ['does not exist: present', { c: [{ exists: false }] }, { c: 5 }, false],
  ['does not exist: null is present', { c: [{ exists: false }] }, { c: null }, false],
  ['does not exist: an object value counts as missing', { detail: { 'c-count': [{ exists: false }] } }, { detail: { 'c-count': { c1: 100 } } }, true],
  ['does not exist: an empty array counts as missing', { c: [{ exists: false }] }, { c: [] }, true],
  ['does not exist: parent missing', { detail: { c: [{ exists: false }] } }, {}, true],
  ['does not exist: parent is a string', { detail: { c: [{ exists: false }] } }, { detail: 'x' }, true],
  ['does not exist with another field', { source: ['a'], detail: { c: [{ exists: false }] } }, { source: 'a', detail: {} }, true],
  ['does not exist: present in one element of an array', { a: { b: [{ exists: false }] } }, { a: [{ b: 1 }, { c: 2 }] }, false],
  [
    'does not exist: missing in the element matched by another field',
    { a: { c: ['x'], z: [{ exists: false }] } },
    { a: [{ c: 'x', z: 1 }, { c: 'x' }] },
    true,
  ],
  [
    'does not exist: present in every matching element',
    { a: { c: ['x'], z: [{ exists: false }] } },
    { a: [{ c: 'x', z: 1 }, { c: 'y' }] },
    false,
  ],
  ['missing or a value', { c: [{ exists: false }, 'x'] }, {}, true],
  ['missing or a value: the value', { c: [{ exists: false }, 'x'] }, { c: 'x' }, true],
  ['missing or a value: another value', { c: [{ exists: false }, 'x'] }, { c: 'y' }, false],
]);

table('cidr', [
  ['inside an IPv4 block', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' }, true],
  ['network address', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.0' }, true],
  ['outside the block', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' }, false],
  ['a base that is not the network address', { ip: [{ cidr: '10.0.0.77/24' }] }, { ip: '10.0.0.1' }, true],
  ['/0 matches every IPv4 address', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '203.0.113.9' }, true],
  ['not an address', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 'ten' }, false],
  ['octet over 255', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '10.0.0.256' }, false],
  ['a number is not an address', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 10 }, false],
  ['leading zeros are decimal', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '010.000.000.001' }, true],
  ['inside an IPv6 block', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:ffff::1' }, true],
  ['outside an IPv6 block', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' }, false],
  ['IPv6 in upper case', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:DB8::ABCD' }, true],
  ['IPv4 does not match an IPv6 block', { ip: [{ cidr: '::/0' }] }, { ip: '10.0.0.1' }, false],
  ['IPv6 does not match an IPv4 block', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '2001:db8::1' }, false],
  ['IPv4-mapped IPv6 is read as IPv4', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '::ffff:a00:1' }, true],
  ['any element of an array', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: ['192.168.0.1', '10.0.0.9'] }, true],
]);

table('$or', [
  ['first alternative', { $or: [{ source: ['a'] }, { source: ['b'] }] }, { source: 'a' }, true],
  ['second alternative', { $or: [{ source: ['a'] }, { source: ['b'] }] }, { source: 'b' }, true],
  ['neither alternative', { $or: [{ source: ['a'] }, { source: ['b'] }] }, { source: 'c' }, false],
  [
    'AND with an $or',
    { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
    { source: 'aws.cloudwatch', namespace: 'AWS/EC2' },
    true,
  ],
  [
    'AND with an $or, the AND fails',
    { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
    { source: 'aws.other', namespace: 'AWS/EC2' },
    false,
  ],
  [
    'an alternative with two fields needs both',
    { $or: [{ a: ['1'], b: ['2'] }, { c: ['3'] }] },
    { a: '1' },
    false,
  ],
  ['$or inside a nested object', { detail: { $or: [{ a: ['1'] }, { b: ['2'] }] } }, { detail: { b: '2' } }, true],
  ['$or inside a nested object, wrong level', { detail: { $or: [{ a: ['1'] }, { b: ['2'] }] } }, { b: '2' }, false],
  [
    'parallel $or: both must hold',
    { $or: [{ a: ['1'] }, { b: ['2'] }], detail: { $or: [{ c: ['3'] }, { d: ['4'] }] } },
    { b: '2', detail: { d: '4' } },
    true,
  ],
  [
    'parallel $or: one fails',
    { $or: [{ a: ['1'] }, { b: ['2'] }], detail: { $or: [{ c: ['3'] }, { d: ['4'] }] } },
    { b: '2', detail: { e: '5' } },
    false,
  ],
  [
    'nested $or',
    { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }] },
    { source: 's', b: '2', d: '4' },
    true,
  ],
  [
    'nested $or, inner fails',
    { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }] },
    { source: 's', b: '2', e: '5' },
    false,
  ],
  ['$or with operators', { $or: [{ a: [{ prefix: 'x' }] }, { b: [{ numeric: ['>', 5] }] }] }, { b: 6 }, true],
  ['$or with exists: false', { $or: [{ a: [{ exists: false }] }, { a: ['1'] }] }, {}, true],
  ['a field set inside $or replaces the one set before it', { a: ['1'], $or: [{ a: ['2'] }, { b: ['3'] }] }, { a: '2' }, true],
  ['…so the earlier value no longer matches that branch', { a: ['1'], $or: [{ a: ['2'] }, { b: ['3'] }] }, { a: '1' }, false],
  ['…but still holds on the other branch', { a: ['1'], $or: [{ a: ['2'] }, { b: ['3'] }] }, { a: '1', b: '3' }, true],
  ['a field named "numeric" is fine outside $or', { numeric: ['x'] }, { numeric: 'x' }, true],
]);

table('several matchers on one field are alternatives', [
  ['prefix', { s: [{ prefix: 'a' }, { suffix: 'z' }, 'exact'] }, { s: 'abc' }, true],
  ['suffix', { s: [{ prefix: 'a' }, { suffix: 'z' }, 'exact'] }, { s: 'xyz' }, true],
  ['exact', { s: [{ prefix: 'a' }, { suffix: 'z' }, 'exact'] }, { s: 'exact' }, true],
  ['none', { s: [{ prefix: 'a' }, { suffix: 'z' }, 'exact'] }, { s: 'mmm' }, false],
  ['a value or null', { s: ['x', null] }, { s: null }, true],
  ['anything-but alongside a value', { s: [{ 'anything-but': 'a' }, 'a'] }, { s: 'a' }, true],
]);

describe('a complete example', () => {
  const pattern = {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
      'source-ip': [{ cidr: '10.0.0.0/8' }],
    },
  };
  const event = {
    version: '0',
    id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '012345679012',
    time: '2017-10-02T16:24:49Z',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
    detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
  };

  it('matches the event', () => {
    expect(matchesPattern(pattern, event)).toBe(true);
  });

  it.each([
    ['state', { state: 'initializing' }],
    ['c-count', { 'c-count': 6 }],
    ['x-limit', { 'x-limit': 300 }],
    ['source-ip', { 'source-ip': '11.0.0.1' }],
  ])('does not match when %s changes', (_name, change) => {
    expect(matchesPattern(pattern, { ...event, detail: { ...event.detail, ...change } })).toBe(false);
  });

  it('compiles once and matches many events', () => {
    const match = compilePattern(pattern);
    const results = Array.from({ length: 2000 }, (_, i) => match({ ...event, detail: { ...event.detail, 'c-count': i % 10 } }));
    expect(results.filter(Boolean)).toHaveLength(1000);
  });
});
