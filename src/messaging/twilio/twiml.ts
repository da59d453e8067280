/** An empty TwiML answer to a webhook: Twilio is told nothing more to do (replies go out through the API). */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
