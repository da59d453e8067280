import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { ConsentQuery } from './consent.dto';
import { ConsentLedgerService, ConsentReport } from './consent-ledger.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/consent')
export class ConsentController {
  constructor(private readonly ledger: ConsentLedgerService) {}

  /** Who blocked this number, when and how: the current state and every block and unblock, oldest first. */
  @Get()
  @ApiOperation({ summary: 'The consent ledger and current opt-out state of one phone number' })
  report(@Query() query: ConsentQuery): Promise<ConsentReport> {
    return this.ledger.report(query.phone);
  }
}
