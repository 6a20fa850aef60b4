import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  formatPatternPath,
  InvalidPatternError,
  matchesPattern,
  nearestOperator,
  validatePattern,
  type PatternProblem,
} from '../../src/pattern/index.js';

type Invalid = [name: string, pattern: unknown, path: (string | number)[], message: RegExp, hint?: RegExp];

function invalid(title: string, cases: Invalid[]): void {
  describe(title, () => {
    it.each(cases)('%s', (_name, pattern, path, message, hint) => {
      const problems = validatePattern(pattern);
      expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
      const here = problems.filter((p) => JSON.stringify(p.path) === JSON.stringify(path));
      const problem = here.find((p) => message.test(p.message)) ?? here[0];
      expect(problem, `no problem at ${JSON.stringify(path)} in ${JSON.stringify(problems)}`).toBeDefined();
      expect(problem!.message).toMatch(message);
      if (hint) expect(problem!.hint ?? '').toMatch(hint);
      expect(() => compilePattern(pattern)).toThrow(InvalidPatternError);
    });
  });
}

function valid(title: string, patterns: [string, unknown][]): void {
  describe(title, () => {
    it.each(patterns)('%s', (_name, pattern) => {
      expect(validatePattern(pattern)).toEqual([]);
    });
  });
}

invalid('structure', [
  ['a string is not a pattern', 'source', [], /must be an object/],
  ['a list is not a pattern', [{ source: ['a'] }], [], /must be an object/],
  ['null is not a pattern', null, [], /must be an object/],
  ['empty pattern', {}, [], /empty/],
  ['a leaf must be a list', { source: 'aws.ec2' }, ['source'], /must be a list of values or a nested object/, /"source": \["aws\.ec2"\]/],
  ['a number leaf must be a list', { detail: { n: 5 } }, ['detail', 'n'], /must be a list/, /"n": \[5\]/],
  ['null leaf', { a: null }, ['a'], /not null/],
  ['true leaf', { a: true }, ['a'], /not true/],
  ['operator written as a field', { detail: { prefix: 'x' } }, ['detail', 'prefix'], /must be a list/, /"detail": \[\{"prefix": "x"\}\]/],
  ['empty nested object', { detail: {} }, ['detail'], /empty object/],
  ['empty list', { source: [] }, ['source'], /empty list/, /exists/],
  ['list inside a list', { a: [['x']] }, ['a', 0], /list inside a list/],
  ['infinite number', { a: [Infinity] }, ['a', 0], /not a JSON number/],
  ['undefined value', { a: [undefined] }, ['a', 0], /not a JSON value/],
]);

invalid('operators', [
  ['unknown operator', { a: [{ prfix: 'x' }] }, ['a', 0, 'prfix'], /unknown operator "prfix"/, /did you mean "prefix"\?/],
  ['camel case', { a: [{ anythingBut: 'x' }] }, ['a', 0, 'anythingBut'], /unknown operator/, /"anything-but"/],
  ['capitalised', { a: [{ Prefix: 'x' }] }, ['a', 0, 'Prefix'], /unknown operator/, /"prefix"/],
  ['equalsIgnoreCase', { a: [{ equalsIgnoreCase: 'x' }] }, ['a', 0, 'equalsIgnoreCase'], /unknown/, /"equals-ignore-case"/],
  ['exist', { a: [{ exist: true }] }, ['a', 0, 'exist'], /unknown/, /"exists"/],
  ['suffx', { a: [{ suffx: '.png' }] }, ['a', 0, 'suffx'], /unknown/, /"suffix"/],
  ['starts-with', { a: [{ 'starts-with': 'x' }] }, ['a', 0, 'starts-with'], /unknown/, /"prefix"/],
  ['contains', { a: [{ contains: 'x' }] }, ['a', 0, 'contains'], /unknown/, /wildcard/],
  ['regex', { a: [{ regex: '^x' }] }, ['a', 0, 'regex'], /unknown/, /no regular expressions/],
  ['exactly', { a: [{ exactly: 'x' }] }, ['a', 0, 'exactly'], /unknown/, /no operator/],
  ['something else', { a: [{ zzzzzz: 'x' }] }, ['a', 0, 'zzzzzz'], /unknown/, /the operators are/],
  ['two operators in one object', { a: [{ prefix: 'x', suffix: 'y' }] }, ['a', 0], /exactly one operator/, /own object/],
  ['empty operator object', { a: [{}] }, ['a', 0], /empty operator object/],
  ['prefix needs a string', { a: [{ prefix: 5 }] }, ['a', 0, 'prefix'], /needs a string/],
  ['prefix with another operator inside', { a: [{ prefix: { wildcard: 'x' } }] }, ['a', 0, 'prefix', 'wildcard'], /only contain "equals-ignore-case"/],
  ['prefix ignore-case misspelt', { a: [{ prefix: { 'equal-ignore-case': 'x' } }] }, ['a', 0, 'prefix', 'equal-ignore-case'], /only contain/, /did you mean "equals-ignore-case"/],
  ['prefix ignore-case needs a string', { a: [{ prefix: { 'equals-ignore-case': 1 } }] }, ['a', 0, 'prefix', 'equals-ignore-case'], /needs a string/],
  ['empty prefix object', { a: [{ suffix: {} }] }, ['a', 0, 'suffix'], /empty object/],
  ['equals-ignore-case needs a string', { a: [{ 'equals-ignore-case': ['x'] }] }, ['a', 0, 'equals-ignore-case'], /needs a string/],
  ['wildcard needs a string', { a: [{ wildcard: 1 }] }, ['a', 0, 'wildcard'], /needs a string/],
  ['consecutive wildcards', { a: [{ wildcard: 'a**b' }] }, ['a', 0, 'wildcard'], /consecutive "\*"/],
  ['invalid escape', { a: [{ wildcard: 'a\\b' }] }, ['a', 0, 'wildcard'], /invalid escape/, /\\\*/],
  ['trailing backslash', { a: [{ wildcard: 'ab\\' }] }, ['a', 0, 'wildcard'], /invalid escape/],
  ['exists needs a boolean', { a: [{ exists: 'true' }] }, ['a', 0, 'exists'], /true or false/, /remove the quotes/],
  ['exists with a number', { a: [{ exists: 1 }] }, ['a', 0, 'exists'], /true or false/],
]);

invalid('cidr', [
  ['needs a string', { ip: [{ cidr: 10 }] }, ['ip', 0, 'cidr'], /needs a string/],
  ['no mask', { ip: [{ cidr: '10.0.0.0' }] }, ['ip', 0, 'cidr'], /exactly one "\/"/],
  ['trailing slash', { ip: [{ cidr: '10.0.0.0/' }] }, ['ip', 0, 'cidr'], /exactly one "\/"/],
  ['two slashes', { ip: [{ cidr: '10.0.0.0/8/8' }] }, ['ip', 0, 'cidr'], /exactly one "\/"/],
  ['mask is not a number', { ip: [{ cidr: '10.0.0.0/x' }] }, ['ip', 0, 'cidr'], /not an integer/],
  ['negative mask', { ip: [{ cidr: '10.0.0.0/-1' }] }, ['ip', 0, 'cidr'], /negative/],
  ['IPv4 /32', { ip: [{ cidr: '10.0.0.1/32' }] }, ['ip', 0, 'cidr'], /at most 31/, /\["10\.0\.0\.1"\]/],
  ['IPv4 /33', { ip: [{ cidr: '10.0.0.0/33' }] }, ['ip', 0, 'cidr'], /at most 31/],
  ['IPv6 /128', { ip: [{ cidr: '2001:db8::1/128' }] }, ['ip', 0, 'cidr'], /at most 127/],
  ['octet over 255', { ip: [{ cidr: '300.0.0.0/8' }] }, ['ip', 0, 'cidr'], /invalid IP address/],
  ['host name', { ip: [{ cidr: 'example.com/8' }] }, ['ip', 0, 'cidr'], /not an IPv4 or IPv6 address/],
  ['bad IPv6', { ip: [{ cidr: '2001:db8:::1/64' }] }, ['ip', 0, 'cidr'], /invalid IP address/],
  ['too many IPv6 groups', { ip: [{ cidr: '1:2:3:4:5:6:7:8:9/64' }] }, ['ip', 0, 'cidr'], /invalid IP address/],
]);

invalid('numeric', [
  ['needs a list', { n: [{ numeric: '>5' }] }, ['n', 0, 'numeric'], /needs a list/],
  ['empty list', { n: [{ numeric: [] }] }, ['n', 0, 'numeric'], /empty/],
  ['starts with a number', { n: [{ numeric: [5, '<'] }] }, ['n', 0, 'numeric', 0], /comparison operator/],
  ['unknown operator', { n: [{ numeric: ['=>', 5] }] }, ['n', 0, 'numeric', 0], /unknown numeric operator "=>"/, /">="/],
  ['== is not an operator', { n: [{ numeric: ['==', 5] }] }, ['n', 0, 'numeric', 0], /unknown numeric operator/, /"="/],
  ['!= is not an operator', { n: [{ numeric: ['!=', 5] }] }, ['n', 0, 'numeric', 0], /unknown numeric operator/, /anything-but/],
  ['operator without a value', { n: [{ numeric: ['>'] }] }, ['n', 0, 'numeric'], /must be followed by a number/],
  ['quoted number', { n: [{ numeric: ['>', '5'] }] }, ['n', 0, 'numeric', 1], /must be a number/, /remove the quotes/],
  ['null value', { n: [{ numeric: ['>', null] }] }, ['n', 0, 'numeric', 1], /must be a number, not null/],
  ['value above 5e9', { n: [{ numeric: ['>', 6e9] }] }, ['n', 0, 'numeric', 1], /outside the range/],
  ['value below -5e9', { n: [{ numeric: ['<', -6e9] }] }, ['n', 0, 'numeric', 1], /outside the range/],
  ['seven decimals', { n: [{ numeric: ['=', 0.1234567] }] }, ['n', 0, 'numeric', 1], /more than 6 digits after the decimal point/],
  ['upper bound first', { n: [{ numeric: ['<', 10, '>', 0] }] }, ['n', 0, 'numeric', 2], /nothing may follow "<" 10/, /\[">", 0, "<", 10\]/],
  ['= takes one number', { n: [{ numeric: ['=', 5, '<', 6] }] }, ['n', 0, 'numeric', 2], /nothing may follow "=" 5/],
  ['two lower bounds', { n: [{ numeric: ['>', 0, '>=', 5] }] }, ['n', 0, 'numeric', 2], /can't close a range/],
  ['unknown second operator', { n: [{ numeric: ['>', 0, 'lt', 5] }] }, ['n', 0, 'numeric', 2], /unknown numeric operator "lt"/],
  ['number instead of the second operator', { n: [{ numeric: ['>', 0, 5] }] }, ['n', 0, 'numeric', 2], /expected "<" or "<="/],
  ['second operator without a value', { n: [{ numeric: ['>', 0, '<'] }] }, ['n', 0, 'numeric'], /"<" must be followed by a number/],
  ['too many elements', { n: [{ numeric: ['>', 0, '<=', 5, '<', 6] }] }, ['n', 0, 'numeric', 4], /too many elements/],
  ['bounds in the wrong order', { n: [{ numeric: ['>', 10, '<', 5] }] }, ['n', 0, 'numeric'], /lower bound 10 must be less than the upper bound 5/],
  ['empty range', { n: [{ numeric: ['>=', 5, '<=', 5] }] }, ['n', 0, 'numeric'], /must be less than/],
  ['greater than the largest number', { n: [{ numeric: ['>', 5e9] }] }, ['n', 0, 'numeric', 1], /can never match/],
  ['less than the smallest number', { n: [{ numeric: ['<=', -5e9] }] }, ['n', 0, 'numeric', 1], /can never match/],
  ['deep path', { detail: { amount: [1, { numeric: ['>', 'x'] }] } }, ['detail', 'amount', 1, 'numeric', 1], /must be a number/],
]);

invalid('anything-but', [
  ['null', { s: [{ 'anything-but': null }] }, ['s', 0, 'anything-but'], /needs a string, a number/],
  ['boolean', { s: [{ 'anything-but': true }] }, ['s', 0, 'anything-but'], /needs a string, a number/],
  ['empty list', { s: [{ 'anything-but': [] }] }, ['s', 0, 'anything-but'], /empty/],
  ['mixed list', { s: [{ 'anything-but': ['a', 1] }] }, ['s', 0, 'anything-but'], /mixes strings and numbers/],
  ['null in the list', { s: [{ 'anything-but': ['a', null] }] }, ['s', 0, 'anything-but', 1], /only strings or only numbers/],
  ['boolean in the list', { s: [{ 'anything-but': [false] }] }, ['s', 0, 'anything-but', 0], /only strings or only numbers/],
  ['number out of range', { s: [{ 'anything-but': 6e9 }] }, ['s', 0, 'anything-but'], /outside the range/],
  ['number with seven decimals in a list', { s: [{ 'anything-but': [1, 0.1234567] }] }, ['s', 0, 'anything-but', 1], /more than 6 digits/],
  ['empty object', { s: [{ 'anything-but': {} }] }, ['s', 0, 'anything-but'], /empty object/],
  ['two operators', { s: [{ 'anything-but': { prefix: 'a', suffix: 'b' } }] }, ['s', 0, 'anything-but'], /one operator/],
  ['numeric inside', { s: [{ 'anything-but': { numeric: ['>', 1] } }] }, ['s', 0, 'anything-but', 'numeric'], /can't contain "numeric"/, /ranges around it/],
  ['exists inside', { s: [{ 'anything-but': { exists: true } }] }, ['s', 0, 'anything-but', 'exists'], /can't contain "exists"/],
  ['cidr inside', { s: [{ 'anything-but': { cidr: '10.0.0.0/8' } }] }, ['s', 0, 'anything-but', 'cidr'], /can't contain "cidr"/],
  ['misspelt inside', { s: [{ 'anything-but': { prfix: 'a' } }] }, ['s', 0, 'anything-but', 'prfix'], /can't contain/, /did you mean "prefix"/],
  ['empty prefix', { s: [{ 'anything-but': { prefix: '' } }] }, ['s', 0, 'anything-but', 'prefix'], /empty prefix/],
  ['empty suffix in a list', { s: [{ 'anything-but': { suffix: ['.png', ''] } }] }, ['s', 0, 'anything-but', 'suffix', 1], /empty suffix/],
  ['prefix number', { s: [{ 'anything-but': { prefix: 5 } }] }, ['s', 0, 'anything-but', 'prefix'], /needs strings/],
  ['prefix empty list', { s: [{ 'anything-but': { prefix: [] } }] }, ['s', 0, 'anything-but', 'prefix'], /empty list/],
  ['equals-ignore-case number', { s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] }, ['s', 0, 'anything-but', 'equals-ignore-case', 0], /needs strings/],
  ['bad wildcard', { s: [{ 'anything-but': { wildcard: 'a**' } }] }, ['s', 0, 'anything-but', 'wildcard'], /consecutive/],
  ['bad wildcard in a list', { s: [{ 'anything-but': { wildcard: ['a*', 'b\\c'] } }] }, ['s', 0, 'anything-but', 'wildcard', 1], /invalid escape/],
]);

invalid('$or', [
  ['not a list', { $or: { a: ['x'] } }, ['$or'], /list of at least two objects/, /plain field name/],
  ['one alternative', { $or: [{ a: ['x'] }] }, ['$or'], /at least two alternatives, found 1/, /enclosing object/],
  ['empty list', { $or: [] }, ['$or'], /at least two alternatives, found 0/],
  ['an alternative that is not an object', { $or: [{ a: ['x'] }, 'b'] }, ['$or', 1], /must be an object/],
  ['an empty alternative', { $or: [{ a: ['x'] }, {}] }, ['$or', 1], /empty object/],
  ['operator name as a field inside $or', { $or: [{ prefix: ['x'] }, { b: ['y'] }] }, ['$or', 0, 'prefix'], /reserved word/],
  ['reserved name deeper inside $or', { $or: [{ d: { numeric: ['x'] } }, { b: ['y'] }] }, ['$or', 0, 'd', 'numeric'], /reserved word/],
  ['problems inside alternatives keep their path', { detail: { $or: [{ a: [{ prfix: 'x' }] }, { b: ['y'] }] } }, ['detail', '$or', 0, 'a', 0, 'prfix'], /unknown operator/],
  [
    'more than 1000 combinations',
    Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, { $or: [{ a: ['1'] }, { b: ['2'] }] }])),
    ['f9', '$or'],
    /more than 1000 combinations/,
  ],
]);

invalid('limits', [
  ['longer than 2048 characters (the default quota)', { source: ['x'.repeat(2040)] }, [], /2055 characters long as compact JSON; EventBridge accepts at most 2048/, /raised to 4096/],
  ['wildcards too complex for EventBridge', { resources: [{ wildcard: '*:*:*:*:*:event-bus/*' }] }, ['resources', 0, 'wildcard'], /EventBridge rejects the wildcards on "resources" as too complex \("Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"\): up to 11 wildcard prefixes can match one value, the most it accepts is 10/],
  ['wildcards on one field add up', { detail: { file: [{ wildcard: '*.png' }, { wildcard: '*.jpg' }, { wildcard: '*.gif' }, { wildcard: '*.bmp' }, { wildcard: '*.svg' }, { wildcard: '*.tif' }] } }, ['detail', 'file', 5, 'wildcard'], /up to 12 wildcard prefixes/],
  ['anything-but wildcards count too', { key: [{ 'anything-but': { wildcard: ['*a*a*a*a*a*'] } }] }, ['key', 0, 'anything-but', 'wildcard', 0], /too complex/],
  [
    'more than 256 fields',
    Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`f${i}`, [1]])),
    [],
    /at most 256/,
  ],
]);

valid('valid patterns', [
  ['every operator', {
    a: ['x', 1, true, false, null, ''],
    b: [{ prefix: 'p' }, { prefix: '' }, { prefix: { 'equals-ignore-case': 'P' } }],
    c: [{ suffix: 's' }, { suffix: { 'equals-ignore-case': 'S' } }],
    d: [{ 'equals-ignore-case': 'e' }, { wildcard: 'a*b\\*c\\\\' }, { wildcard: '*' }, { wildcard: '' }],
    e: [{ 'anything-but': 'x' }, { 'anything-but': 1 }, { 'anything-but': ['x', 'y'] }, { 'anything-but': [1, 2.5] }],
    f: [{ 'anything-but': { prefix: 'x' } }, { 'anything-but': { suffix: ['x', 'y'] } }],
    g: [{ 'anything-but': { 'equals-ignore-case': ['x'] } }, { 'anything-but': { wildcard: '*/lib/*' } }],
    h: [{ numeric: ['=', 5] }, { numeric: ['<', 5] }, { numeric: ['<=', 5] }, { numeric: ['>', 5] }, { numeric: ['>=', 5] }],
    i: [{ numeric: ['>', 0, '<', 1] }, { numeric: ['>=', -5e9, '<=', 5e9] }, { numeric: ['=', 0.000001] }],
    j: [{ exists: true }, { exists: false }],
    k: [{ cidr: '10.0.0.0/8' }, { cidr: '2001:db8::/32' }, { cidr: '0.0.0.0/0' }, { cidr: '10.0.0.0/31' }],
  }],
  ['$or with nesting', { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }] }],
  ['reserved names are fine as fields outside $or', { numeric: ['x'], prefix: { exists: ['y'] } }],
  ['1000 combinations exactly', { a: { $or: Array.from({ length: 10 }, (_, i) => ({ [`k${i}`]: ['v'] })) }, b: { $or: Array.from({ length: 100 }, (_, i) => ({ [`k${i}`]: ['v'] })) } }],
  ['unicode field names and values', { détail: { 'état': ['prêt', '✓'] } }],
  ['large exact numbers are fine', { account: [123456789012, 1e20] }],
  ['2048 characters exactly', { source: ['x'.repeat(2033)] }],
  ['wildcards EventBridge accepts', { resources: [{ wildcard: '*:*:*:*:event-bus/*' }], detail: { file: [{ wildcard: '*.png' }, { wildcard: '*.jpg' }, { wildcard: '*.gif' }, { wildcard: '*.bmp' }, { wildcard: '*.svg' }], key: [{ wildcard: 'arn:aws:s3:::bucket/*/*.json' }] } }],
]);

describe('problems', () => {
  it('reports every problem at once', () => {
    const problems = validatePattern({
      source: 'aws.ec2',
      detail: { amount: [{ numeric: ['<', 10, '>', 0] }], status: [{ prfix: 'paid' }], tags: [] },
    });
    expect(problems.map((p) => p.path)).toEqual([
      ['source'],
      ['detail', 'amount', 0, 'numeric', 2],
      ['detail', 'status', 0, 'prfix'],
      ['detail', 'tags'],
    ]);
    for (const p of problems) expect(p.hint, p.message).toBeTruthy();
  });

  it('has the documented shape', () => {
    const [problem] = validatePattern({ a: [{ prfix: 'x' }] }) as [PatternProblem];
    expect(problem).toEqual({ path: ['a', 0, 'prfix'], message: 'unknown operator "prfix"', hint: 'did you mean "prefix"?' });
  });

  it('matchesPattern throws on an invalid pattern with a readable message', () => {
    expect(() => matchesPattern({ a: [{ prfix: 'x' }] }, { a: 'x' })).toThrow(/a\[0\]\.prfix: unknown operator "prfix"/);
  });

  it('formats paths as people write them', () => {
    expect(formatPatternPath(['detail', 'amount', 0, 'numeric', 1])).toBe('detail.amount[0].numeric[1]');
    expect(formatPatternPath(['detail-type'])).toBe('detail-type');
    expect(formatPatternPath(['a', 'x.y', '$or', 0])).toBe('a["x.y"].$or[0]');
  });

  it('suggests the nearest operator', () => {
    expect(nearestOperator('prefx')).toBe('prefix');
    expect(nearestOperator('anything_but')).toBe('anything-but');
    expect(nearestOperator('CIDR')).toBe('cidr');
    expect(nearestOperator('banana')).toBeUndefined();
  });
});
