import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowQueryToken, CurrentPrincipal, Principal } from '../auth/principal';
import { ListNotificationsQuery } from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { NotificationStreamService } from './notification-stream.service';
import type { NotificationView } from './notification.view';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly streams: NotificationStreamService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListNotificationsQuery): Promise<NotificationView[]> {
    return this.notifications.list(principal.id, { unreadOnly: query.unread === 'true', limit: query.limit });
  }

  /**
   * Server-Sent Events: one `data:` event (the notification JSON, `id:` its id) per reply to the
   * caller's numbers, comment heartbeats every 25 s. A browser's EventSource cannot send headers,
   * so this route alone also takes the key as `?access_token=`. Reconnecting with Last-Event-ID
   * replays what was missed.
   */
  @Get('stream')
  @AllowQueryToken()
  @ApiOperation({ summary: 'Server-Sent Events stream of new notifications (key as Bearer or ?access_token=)' })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'access_token', required: false, description: 'the API key, for EventSource (cannot send headers)' })
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Query('lastEventId') lastEventIdQuery: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const header = request.headers['last-event-id'];
    const lastEventId = (typeof header === 'string' ? header : undefined) ?? (typeof lastEventIdQuery === 'string' ? lastEventIdQuery : undefined);
    // the stream writes to the Node response itself, for as long as the browser holds it open
    reply.hijack();
    await this.streams.open(principal.id, request.raw, reply.raw, lastEventId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'the notification, now read; 404 for an id that is not the caller’s' })
  markRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<NotificationView> {
    return this.notifications.markRead(principal.id, id);
  }
}
