import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
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
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    body.error.requestId = currentRequestId();
    if (status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: { error: { code: exception.code, message: exception.message, details: exception.details } } };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    const bodyParserError = exception as { type?: string; status?: number };
    if (bodyParserError?.type === 'entity.parse.failed') {
      return { status: 400, body: { error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' } } };
    }
    if (bodyParserError?.type === 'entity.too.large') {
      return { status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } } };
    }
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
  const parserError = (exception.cause ?? {}) as { type?: string };
  if (parserError.type === 'entity.parse.failed' || exception.cause instanceof SyntaxError) {
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
