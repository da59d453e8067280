import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { AssignNumberDto } from './number.dto';
import { NumbersService, toNumberView } from './numbers.service';
import type { SmsRequestStatus } from './sms-request.entity';
import { SmsRequestsService } from './sms-requests.service';

const REQUEST_STATUSES: SmsRequestStatus[] = ['pending', 'approved', 'rejected'];

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin')
export class NumbersAdminController {
  constructor(
    private readonly numbers: NumbersService,
    private readonly requests: SmsRequestsService,
  ) {}

  /** Assigns a number to a rep: 422 UNSUPPORTED_COUNTRY / LOCAL_PRESENCE_NUMBER, 404 unknown user, 409 taken. */
  @Post('numbers')
  async assign(@Body() dto: AssignNumberDto) {
    return toNumberView(await this.numbers.assign(dto));
  }

  @Get('numbers')
  @ApiQuery({ name: 'userId', required: false })
  async list(@Query('userId') userId?: string) {
    return (await this.numbers.list(userId)).map(toNumberView);
  }

  @Get('sms-requests')
  @ApiQuery({ name: 'status', required: false, enum: REQUEST_STATUSES })
  listRequests(@Query('status') status?: string) {
    if (status !== undefined && !REQUEST_STATUSES.includes(status as SmsRequestStatus)) {
      throw new DomainError('VALIDATION_FAILED', `status must be one of ${REQUEST_STATUSES.join(', ')}.`);
    }
    return this.requests.list(status as SmsRequestStatus | undefined);
  }

  @Post('sms-requests/:id/approve')
  @HttpCode(200)
  approve(@CurrentPrincipal() admin: Principal, @Param('id') id: string) {
    return this.requests.approve(admin, id);
  }

  @Post('sms-requests/:id/reject')
  @HttpCode(200)
  reject(@CurrentPrincipal() admin: Principal, @Param('id') id: string) {
    return this.requests.reject(admin, id);
  }
}
