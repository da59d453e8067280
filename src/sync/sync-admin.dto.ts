import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Min } from 'class-validator';

export class RequeueOutboxDto {
  @ApiPropertyOptional({ type: [Number], description: 'ids of parked outbox entries (from GET /api/admin/sync/status); all parked entries when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];
}
