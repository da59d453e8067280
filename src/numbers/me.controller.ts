import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { SenderNumbersStore } from './sender-numbers.store';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly numbers: SenderNumbersStore) {}

  /** smsEnabled is true only when the caller holds at least one SMS-enabled direct number. */
  @Get()
  async me(@CurrentPrincipal() principal: Principal) {
    const numbers = await this.numbers.list(principal.id);
    return {
      id: principal.id,
      name: principal.name,
      role: principal.role,
      smsEnabled: numbers.some((n) => n.kind === 'direct' && n.smsEnabled),
      senderNumbers: numbers.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, kind: n.kind, smsEnabled: n.smsEnabled })),
    };
  }
}
