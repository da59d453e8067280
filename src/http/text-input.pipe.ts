import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { findInvalidText } from './text-input';

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
