import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { SendMessageDto } from './send-message.dto';
import { SendMessageService } from './send-message.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/messages')
export class MessagesController {
  constructor(private readonly messages: SendMessageService) {}

  /** 201 with the message; 422 with the first gate rule that refuses (404 RECORD_NOT_FOUND); 503 when Twilio is down. */
  @Post()
  send(@CurrentPrincipal() principal: Principal, @Body() dto: SendMessageDto) {
    return this.messages.send(principal, dto);
  }
}
