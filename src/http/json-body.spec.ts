import { decodeUtf8, isAcceptedJsonType, nestsDeeperThan } from './json-body';

describe('nestsDeeperThan', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('counts arrays and objects nested in each other', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
  });

  it('does not count siblings', () => {
    expect(nestsDeeperThan('[' + '[],'.repeat(1000) + '[]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(`{"body":"${'['.repeat(500)}"}`, 1)).toBe(false);
    expect(nestsDeeperThan(`{"body":"say \\"[[[[\\" ok"}`, 1)).toBe(false);
    expect(nestsDeeperThan(`{"body":"\\\\"}`, 1)).toBe(false);
  });

  it('handles a huge depth in one pass without recursion', () => {
    expect(nestsDeeperThan(nested(1_000_000), 64)).toBe(true);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and refuses invalid bytes instead of replacing them', () => {
    expect(decodeUtf8(Buffer.from('{"body":"ça 😀"}'))).toBe('{"body":"ça 😀"}');
    expect(decodeUtf8(Buffer.from([0x7b, 0xff, 0x7d]))).toBeNull();
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBeNull(); // an encoded surrogate
  });
});

describe('isAcceptedJsonType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', 'application/json; charset="utf-8"', 'application/json; charset=utf8'])(
    'accepts %s',
    (type) => expect(isAcceptedJsonType(type)).toBe(true),
  );
  it.each([undefined, '', 'application/x-www-form-urlencoded', 'text/plain', 'application/json; charset=utf-7', 'application/json; charset=latin1', 'application/jsonx', 'multipart/form-data; boundary=x', 'text/json'])(
    'refuses %s',
    (type) => expect(isAcceptedJsonType(type)).toBe(false),
  );
});
