import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { countSegments } from '../segments';
import { SegmentsDto } from './send-message.dto';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('api/sms/segments')
export class SegmentsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The composer's live counter; `ucs2Characters` lists what forces UCS-2 (swap a curly quote, get 160 back). */
  @Post()
  @HttpCode(200)
  count(@Body() dto: SegmentsDto) {
    return countSegments(dto.body, this.config.smsMaxSegments);
  }
}
