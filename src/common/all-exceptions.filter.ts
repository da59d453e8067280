import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ERROR_STATUS, ErrorCode } from './domain-error';
import { currentRequestId } from './request-context';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId?: string };
}

/** Maps every error to the contract's shape: `{error: {code, message, details?}}`. Never a stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toResponse(exception);
    // before the handler (a body the parser refused) the log context is not entered yet: the header has it
    const header = reply.raw.getHeader('x-request-id');
    body.error.requestId = currentRequestId() ?? (typeof header === 'string' ? header : undefined);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (reply.sent || reply.raw.headersSent) return;
    // JSON even where the route set another type for its answers (a webhook's text/xml)
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: { error: { code: exception.code, message: exception.message, details: exception.details } } };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged.' } } };
  }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  503: 'DEPENDENCY_UNAVAILABLE',
};

function fromHttpException(exception: HttpException): { status: number; body: ErrorBody } {
  const status = exception.getStatus();
  // Fastify's body parser errors arrive as HttpExceptions caused by a FastifyError
  const parserError = (exception.cause ?? {}) as { code?: string };
  if (parserError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || exception.cause instanceof SyntaxError) {
    return { status: 400, body: { error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' } } };
  }
  const raw = exception.getResponse();
  const payload = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : { message: raw };
  // class-validator failures arrive as a list of messages from the ValidationPipe.
  if (Array.isArray(payload.message)) {
    return {
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'The request is not valid.', details: { problems: payload.message } } },
    };
  }
  if (status === 413) {
    return { status, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than allowed.` } } };
  }
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(String(payload.message))) {
    return { status, body: { error: { code: 'NOT_FOUND', message: 'No such route.' } } };
  }
  const code = (typeof payload.code === 'string' && payload.code in ERROR_STATUS ? payload.code : CODE_BY_STATUS[status]) ?? 'INTERNAL_ERROR';
  const message = typeof payload.message === 'string' ? payload.message : exception.message;
  return { status, body: { error: { code, message: status >= 500 ? 'Something went wrong on our side.' : message } } };
}
