export { TwilioStandIn } from './twilio-stand-in';
export type { CallbackRecord, Endpoint, Fault, InboundResult, InboundSms, TwilioStandInOptions } from './twilio-stand-in';
export type { DeliveryOutcome } from './twilio-delivery';
export type { StandInMessage } from './twilio-message';
export type { Signing, WebhookResponse } from './twilio-webhook-sender';
export { twilioSignature } from './twilio-webhook-sender';
