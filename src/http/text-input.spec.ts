import { findInvalidText, replaceInvalidText } from './text-input';

describe('findInvalidText', () => {
  it('accepts ordinary text, emoji (a surrogate pair) and non-string values', () => {
    expect(findInvalidText({ body: 'Hi 👋 — ça va?', n: 1, ok: true, none: null, list: ['a', { b: 'c' }] })).toBeNull();
  });

  it('names the field holding a NUL', () => {
    expect(findInvalidText({ recordId: 'x', body: 'a\u0000b' })).toEqual({ field: 'body', problem: 'must not contain the NUL character (U+0000)' });
  });

  it('names nested fields and array items', () => {
    expect(findInvalidText({ ids: [1, 2], objects: { Contact: { phones: ['Phone', 'Mobile\u0000'] } } })?.field).toBe('objects.Contact.phones[1]');
    expect(findInvalidText(['ok', 'x\u0000'])?.field).toBe('[1]');
  });

  it('finds a lone high or low surrogate but not a pair', () => {
    expect(findInvalidText({ body: 'a\uD800b' })).toEqual({ field: 'body', problem: 'holds a lone UTF-16 surrogate (U+D800), which is not a character' });
    expect(findInvalidText({ body: 'end\uD83D' })?.problem).toContain('U+D83D');
    expect(findInvalidText({ body: '\uDC00start' })?.problem).toContain('U+DC00');
    expect(findInvalidText({ body: '\uD83D\uDE00' })).toBeNull();
  });

  it('checks property names too', () => {
    expect(findInvalidText({ fields: { 'Do\u0000Not': true } })).toEqual({ field: 'fields', problem: 'a property name must not contain the NUL character (U+0000)' });
  });
});

describe('replaceInvalidText', () => {
  it('replaces every NUL and lone surrogate with U+FFFD and keeps everything else', () => {
    expect(replaceInvalidText({ Body: 'a\u0000b\u0000', From: '+1415', Emoji: '😀', Lone: 'x\uD800' })).toEqual({
      Body: 'a\uFFFDb\uFFFD', From: '+1415', Emoji: '😀', Lone: 'x\uFFFD',
    });
    expect(replaceInvalidText(['\u0000'])).toEqual(['\uFFFD']);
    expect(replaceInvalidText(7)).toBe(7);
  });
});
