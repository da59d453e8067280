import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ProspectSearchQuery {
  @ApiProperty({ example: 'jane', description: 'part of a name (2 characters or more), or a phone number or part of one (4 digits or more)' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  query!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
