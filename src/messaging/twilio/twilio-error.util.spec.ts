import RestException from 'twilio/lib/base/RestException';
import { classifyTwilioError, classifyTwilioErrorCode } from './twilio-error.util';

/** Error bodies as the Twilio REST API returns them (https://www.twilio.com/docs/api/errors/{code}), thrown by the SDK. */
const restError = (statusCode: number, body: object | string) =>
  new RestException({ statusCode, body: typeof body === 'string' ? body : JSON.stringify(body) });
const twilioBody = (code: number, status: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

describe('classifyTwilioError', () => {
  it.each([
    [twilioBody(21610, 400, 'Attempt to send to unsubscribed recipient'), 400, 'OPTED_OUT', '21610'],
    [twilioBody(21211, 400, "Invalid 'To' Phone Number: +1555"), 400, 'INVALID_RECIPIENT', '21211'],
    [twilioBody(21614, 400, "'To' number is not a valid mobile number"), 400, 'INVALID_RECIPIENT', '21614'],
    [twilioBody(20429, 429, 'Too Many Requests'), 429, 'RATE_LIMITED', '20429'],
    [twilioBody(20500, 500, 'An internal server error has occurred'), 500, 'TEMPORARY', '20500'],
    [twilioBody(20503, 503, 'Service is unavailable. Please try again'), 503, 'TEMPORARY', '20503'],
    [twilioBody(20003, 401, 'Authenticate'), 401, 'REJECTED', '20003'],
    [twilioBody(20404, 404, 'The requested resource /2010-04-01/Accounts/AC0/Messages/SM0.json was not found'), 404, 'NOT_FOUND', '20404'],
    [twilioBody(21604, 400, "A 'To' phone number is required."), 400, 'REJECTED', '21604'],
    [twilioBody(21606, 400, "The 'From' phone number provided is not a valid message-capable Twilio phone number"), 400, 'REJECTED', '21606'],
    [twilioBody(21617, 400, 'The concatenated message body exceeds the 1600 character limit'), 400, 'REJECTED', '21617'],
  ] as const)('%j → %s', (body, status, kind, providerCode) => {
    const result = classifyTwilioError(restError(status, body));
    expect(result).toEqual({ kind, providerCode, message: body.message });
  });

  it('treats a bare 429 without a Twilio body as rate limited', () => {
    expect(classifyTwilioError(restError(429, '<html>Too Many Requests</html>'))).toMatchObject({ kind: 'RATE_LIMITED', providerCode: 'HTTP_429' });
  });

  it('treats a gateway error page (no JSON) as temporary', () => {
    expect(classifyTwilioError(restError(502, '<html>Bad Gateway</html>'))).toMatchObject({ kind: 'TEMPORARY', providerCode: 'HTTP_502' });
  });

  it.each(['ECONNABORTED', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'])('treats a transport error %s as temporary', (code) => {
    const axiosError = Object.assign(new Error(`request failed: ${code}`), { code, isAxiosError: true });
    expect(classifyTwilioError(axiosError)).toEqual({ kind: 'TEMPORARY', providerCode: code, message: `Twilio could not be reached: request failed: ${code}` });
  });

  it('treats something that is not an error object as temporary', () => {
    expect(classifyTwilioError('socket hang up')).toMatchObject({ kind: 'TEMPORARY', providerCode: null });
  });
});

describe('classifyTwilioErrorCode (a stored provider code, for answering a retry as the first failure was)', () => {
  it.each([
    ['21610', 'OPTED_OUT'],
    ['21211', 'INVALID_RECIPIENT'],
    ['21614', 'INVALID_RECIPIENT'],
    ['20429', 'RATE_LIMITED'],
    ['HTTP_429', 'RATE_LIMITED'],
    ['20500', 'TEMPORARY'],
    ['20503', 'TEMPORARY'],
    ['HTTP_502', 'TEMPORARY'],
    ['ECONNREFUSED', 'TEMPORARY'],
    ['TEMPORARY', 'TEMPORARY'],
    ['20003', 'REJECTED'],
    ['20404', 'NOT_FOUND'],
    ['HTTP_404', 'NOT_FOUND'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['21606', 'REJECTED'],
    ['HTTP_400', 'REJECTED'],
    ['REJECTED', 'REJECTED'],
  ] as const)('%s → %s', (code, kind) => {
    expect(classifyTwilioErrorCode(code)).toBe(kind);
  });

  it('agrees with classifyTwilioError on the code it reported', () => {
    for (const [code, status] of [[21610, 400], [21211, 400], [20429, 429], [20503, 503], [20003, 401], [20404, 404]] as const) {
      const first = classifyTwilioError(restError(status, twilioBody(code, status, 'x')));
      expect(classifyTwilioErrorCode(first.providerCode!)).toBe(first.kind);
    }
  });
});
