import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { THREAD_PAGE_DEFAULT, THREAD_PAGE_MAX } from './thread-page';

export class ThreadPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: THREAD_PAGE_MAX, default: THREAD_PAGE_DEFAULT, description: 'messages per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(THREAD_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'the cursor of the previous answer (X-Next-Cursor): the page of messages older than it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  before?: string;
}
