import { ArgumentMetadata, createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { findInvalidText, replaceInvalidText } from './text-input';

/** Where a handler's argument came from, as the error names it. */
const PARTS: Partial<Record<ArgumentMetadata['type'], string>> = { body: 'body', query: 'query', param: 'path' };

/**
 * The first global pipe: after the guards (the key, the role, a webhook's signature) and before
 * validation, a NUL or a lone surrogate in any path parameter, query or body a handler takes is
 * refused with 400 VALIDATION_FAILED naming the field (`details.field`, `details.in`,
 * `details.problems`), so no such string reaches a service or either database.
 *
 * A pipe rather than an interceptor: Nest runs a route with any interceptor through RxJS, which cost
 * every request ~20 µs of CPU (a tenth of a webhook's HTTP handling).
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const part = PARTS[metadata.type];
    if (!part) return value;
    const found = findInvalidText(value, metadata.data ?? '');
    if (!found) return value;
    const field = found.field || part;
    throw new DomainError('VALIDATION_FAILED', `The request is not valid: ${field} ${found.problem}.`, { field, in: part, problems: [`${field} ${found.problem}`] });
  }
}

/**
 * A provider's signed webhook form (in place of `@Body()`), with every NUL or lone surrogate
 * replaced by U+FFFD, never refused: the provider would retry a refusal forever and the message
 * would be lost. Arguments are resolved after the guards, so the signature was checked against
 * the body as sent.
 */
export const WebhookForm = createParamDecorator((_: unknown, context: ExecutionContext): Record<string, unknown> => {
  const body = context.switchToHttp().getRequest<FastifyRequest>().body;
  return typeof body === 'object' && body !== null ? replaceInvalidText(body as Record<string, unknown>) : {};
});
