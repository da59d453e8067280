import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { RecordScreenService } from './record-screen.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/records')
export class RecordSmsController {
  constructor(private readonly screens: RecordScreenService) {}

  /** The Ad-hoc SMS screen of a Contact, Lead, Account or Task (15- or 18-character id). */
  @Get(':id/sms')
  screen(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.screens.screen(principal, id);
  }
}
