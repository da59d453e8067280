import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import type { MessageView } from './message.view';
import { decodeCursor, encodeCursor, THREAD_PAGE_DEFAULT } from './thread-page';
import { ThreadPageQuery } from './thread-page.dto';
import { ThreadsService } from './threads.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/prospects')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get(':salesforceId/messages')
  @ApiOperation({
    summary: "The prospect's messages with all reps and sender numbers: the newest page first, oldest first within a page",
    description:
      'Paged by cursor: when older messages exist, the answer carries `X-Next-Cursor` and `Link: <…?before=cursor&limit=n>; rel="next"`; ' +
      'pass the cursor back as `before` for the page before this one.',
  })
  @ApiParam({ name: 'salesforceId', description: 'Contact or Lead id, 15 or 18 characters' })
  @ApiOkResponse({ description: 'messages, oldest first' })
  async messages(
    @Param('salesforceId') salesforceId: string,
    @Query() query: ThreadPageQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageView[]> {
    const before = query.before === undefined ? null : decodeCursor(query.before);
    if (query.before !== undefined && !before) throw new DomainError('VALIDATION_FAILED', '"before" is not a cursor this service gave out.');
    const limit = query.limit ?? THREAD_PAGE_DEFAULT;
    const page = await this.threads.forProspect(salesforceId, before, limit);
    if (page.next) {
      const cursor = encodeCursor(page.next);
      const path = request.url.split('?')[0];
      reply.header('X-Next-Cursor', cursor);
      reply.header('Link', `<${path}?before=${cursor}&limit=${limit}>; rel="next"`);
    }
    return page.messages;
  }
}
