import { WebhookFields } from './webhook-form';

describe('WebhookFields', () => {
  const form = new WebhookFields({ MessageSid: 'SM1', Empty: '', Repeated: ['a', 'b'], SmsSid: 'SM2' });

  it('reads a single text field, and an absent, repeated or non-text one as empty', () => {
    expect(form.text('MessageSid')).toBe('SM1');
    expect(form.text('Missing')).toBe('');
    expect(form.text('Repeated')).toBe('');
    expect(new WebhookFields({ NumSegments: 2 }).text('NumSegments')).toBe('');
  });

  it('takes the first of several names that holds text', () => {
    expect(form.firstText('MessageSid', 'SmsSid')).toBe('SM1');
    expect(form.firstText('Empty', 'SmsSid')).toBe('SM2');
    expect(form.firstText('Repeated', 'Missing')).toBe('');
  });
});
