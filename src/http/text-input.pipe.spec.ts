import { DomainError } from '../common/domain-error';
import { TextInputPipe } from './text-input.pipe';

const pipe = new TextInputPipe();
const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('TextInputPipe', () => {
  it('passes ordinary values through unchanged', () => {
    const body = { body: 'Hi 👋', n: 1 };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('001Aa', { type: 'param', data: 'id' })).toBe('001Aa');
  });

  it('names the body field, the path parameter or the query field holding a NUL', () => {
    expect(refusal(() => pipe.transform({ recordId: 'x', body: 'a\u0000b' }, { type: 'body' })).details).toEqual({
      field: 'body',
      in: 'body',
      problems: ['body must not contain the NUL character (U+0000)'],
    });
    expect(refusal(() => pipe.transform('\u0000abc', { type: 'param', data: 'id' })).details).toMatchObject({ field: 'id', in: 'path' });
    expect(refusal(() => pipe.transform({ phone: '+1415\u0000' }, { type: 'query' })).details).toMatchObject({ field: 'phone', in: 'query' });
    expect(refusal(() => pipe.transform('x\uD800', { type: 'query', data: 'lastEventId' })).code).toBe('VALIDATION_FAILED');
  });

  it('names the part itself when the whole value is the bad string', () => {
    expect(refusal(() => pipe.transform('a\u0000', { type: 'body' })).details).toMatchObject({ field: 'body', in: 'body' });
  });

  it('leaves custom arguments alone (the principal, a webhook form already made storable)', () => {
    const value = { body: 'a\u0000b' };
    expect(pipe.transform(value, { type: 'custom' })).toBe(value);
  });
});
