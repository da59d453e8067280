import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { SmsRequestsService } from './sms-requests.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/numbers')
export class SmsRequestsController {
  constructor(private readonly requests: SmsRequestsService) {}

  /** The rep asks to have SMS enabled on a number of theirs → 201 {id, numberId, status: "pending"}. */
  @Post(':id/sms-requests')
  request(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.requests.request(principal, id);
  }
}
