import { Injectable } from '@nestjs/common';

/**
 * The current instant, injected wherever a rule depends on time (quiet hours), so tests pin it:
 * `jest.spyOn(app.get(Clock), 'now').mockReturnValue(new Date('2026-07-15T16:00:00Z'))`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
