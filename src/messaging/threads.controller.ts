import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { MessageView } from './message.view';
import { ThreadsService } from './threads.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/prospects')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get(':salesforceId/messages')
  @ApiOperation({ summary: "Every message with the prospect's numbers, all reps and sender numbers, oldest first" })
  @ApiParam({ name: 'salesforceId', description: 'Contact or Lead id, 15 or 18 characters' })
  messages(@Param('salesforceId') salesforceId: string): Promise<MessageView[]> {
    return this.threads.forProspect(salesforceId);
  }
}
