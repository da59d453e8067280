import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Each response carries X-Request-Id (the caller's, when sane, or a new one); logs carry it too. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const requestId = given && VALID_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId }, next);
}
