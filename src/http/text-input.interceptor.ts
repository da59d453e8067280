import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { findInvalidText, replaceInvalidText } from './text-input';

const REPLACE_INVALID_TEXT = 'replaceInvalidText';

/**
 * For a provider's webhook: a NUL or lone surrogate in the body is replaced by U+FFFD (after the
 * signature was checked against the body as sent), never refused: the provider would retry a
 * refusal forever and the message would be lost.
 */
export const ReplaceInvalidText = () => SetMetadata(REPLACE_INVALID_TEXT, true);

/**
 * Runs after the guards (the key, the role, a webhook's signature) and before validation: a NUL or
 * a lone surrogate anywhere in the path parameters, the query or the body is refused with 400
 * VALIDATION_FAILED naming the field (`details.field`, `details.in`, `details.problems`), so no
 * such string reaches a service or either database. Routes marked `@ReplaceInvalidText()` get the
 * characters replaced instead.
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.reflector.getAllAndOverride<boolean>(REPLACE_INVALID_TEXT, [context.getHandler(), context.getClass()])) {
      request.body = replaceInvalidText(request.body);
      return next.handle();
    }
    const parts: [string, unknown][] = [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ];
    for (const [part, value] of parts) {
      const found = findInvalidText(value);
      if (!found) continue;
      const field = found.field || part;
      return throwError(
        () => new DomainError('VALIDATION_FAILED', `The request is not valid: ${field} ${found.problem}.`, { field, in: part, problems: [`${field} ${found.problem}`] }),
      );
    }
    return next.handle();
  }
}
