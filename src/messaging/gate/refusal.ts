import type { ErrorCode } from '../../common/domain-error';

/** The codes the send gate answers with, in the contract's order. */
export type GateCode = Extract<
  ErrorCode,
  | 'NO_SMS_NUMBER'
  | 'SENDER_NOT_OWNED'
  | 'SENDER_NOT_SMS_ENABLED'
  | 'LOCAL_PRESENCE_NUMBER'
  | 'INVALID_PHONE'
  | 'UNSUPPORTED_COUNTRY'
  | 'RECORD_NOT_FOUND'
  | 'NO_RECIPIENT'
  | 'NOT_ENROLLED'
  | 'OPTED_OUT'
  | 'DO_NOT_CALL'
  | 'DO_NOT_SMS'
  | 'EMPTY_BODY'
  | 'TOO_LONG'
  | 'QUIET_HOURS'
>;

export interface Refusal {
  code: GateCode;
  message: string;
  details: Record<string, unknown>;
}
