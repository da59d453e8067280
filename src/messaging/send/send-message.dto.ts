import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class SendMessageDto {
  @ApiProperty({ example: '003000000000001AAA', description: 'Contact, Lead, Account or Task id (15 or 18 characters)' })
  @IsString()
  @MaxLength(40)
  recordId!: string;

  @ApiProperty({ example: '+14155550142', description: 'one of your SMS-enabled direct numbers (E.164 or any common format, or its id)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  from!: string;

  @ApiPropertyOptional({ example: '+12125550123', description: "the recipient; may be omitted when the record has one recipient phone" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiProperty({ example: 'Hi Casey, following up on our call.', description: 'an empty body is refused 422 EMPTY_BODY' })
  @IsString()
  body!: string;

  @ApiPropertyOptional({ description: 'a retry with the same key returns the first result and sends nothing again' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  idempotencyKey?: string;
}

export class SegmentsDto {
  @ApiProperty({ example: 'Hi Casey — can we talk at 3?' })
  @IsString()
  body!: string;
}
