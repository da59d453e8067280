import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { replaceInvalidText } from './text-input';

/**
 * A provider's webhook form, read field by field. The parser gives a repeated key as a list: no
 * provider field is repeated, so such a field reads as absent rather than as whichever copy came first.
 */
export class WebhookFields {
  constructor(private readonly form: Readonly<Record<string, unknown>>) {}

  /** The field's text, or '' when it is absent or not a single value. */
  text(name: string): string {
    const value = this.form[name];
    return typeof value === 'string' ? value : '';
  }

  /** The text of the first of these fields that has any (providers send some fields under two names). */
  firstText(...names: string[]): string {
    for (const name of names) {
      const value = this.text(name);
      if (value) return value;
    }
    return '';
  }
}

/**
 * A provider's signed webhook form (in place of `@Body()`), with every NUL or lone surrogate
 * replaced by U+FFFD, never refused: the provider would retry a refusal forever and the message
 * would be lost. Arguments are resolved after the guards, so the signature was checked against
 * the body as sent.
 */
export const WebhookForm = createParamDecorator((_: unknown, context: ExecutionContext): WebhookFields => {
  const body = context.switchToHttp().getRequest<FastifyRequest>().body;
  return new WebhookFields(typeof body === 'object' && body !== null ? replaceInvalidText(body as Record<string, unknown>) : {});
});
