import { TwilioSmsProvider } from './twilio-sms.provider';

const config = (authToken: string) => ({
  accountSid: 'AC' + '0'.repeat(32),
  authToken,
  apiBaseUrl: 'http://127.0.0.1:9',
  messagingServiceSid: null,
});

describe('TwilioSmsProvider.isValidWebhookSignature', () => {
  // The worked example of https://www.twilio.com/docs/usage/webhooks/webhooks-security (auth token 12345).
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
  const provider = new TwilioSmsProvider(config('12345'));

  it("accepts the signature Twilio's documentation computes", () => {
    expect(provider.isValidWebhookSignature(url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(true);
  });

  it('refuses a changed parameter, a changed URL, a wrong or missing signature', () => {
    expect(provider.isValidWebhookSignature(url, { ...params, Digits: '1235' }, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
    expect(provider.isValidWebhookSignature(url + '&baz=3', params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
    expect(provider.isValidWebhookSignature(url, params, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false);
    expect(provider.isValidWebhookSignature(url, params, undefined)).toBe(false);
  });

  it('refuses everything when no auth token is configured', () => {
    expect(new TwilioSmsProvider(config('')).isValidWebhookSignature(url, params, '0/KCTR6DLpKmkAf8muzZqo1nDgQ=')).toBe(false);
  });
});
