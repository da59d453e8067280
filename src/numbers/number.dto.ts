import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { NumberKind } from './sender-number.entity';

export class AssignNumberDto {
  @ApiProperty({ example: '+1 (415) 555-0142', description: 'US or Canadian number, any common format; stored as E.164' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  phoneNumber!: string;

  @ApiProperty({ description: 'id of the rep (from POST /api/admin/users)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  userId!: string;

  @ApiProperty({ enum: ['direct', 'local_presence'] })
  @IsIn(['direct', 'local_presence'])
  kind!: NumberKind;

  @ApiProperty({ description: 'a local_presence number can never be SMS-enabled' })
  @IsBoolean()
  smsEnabled!: boolean;
}

export interface SenderNumberView {
  id: string;
  phoneNumber: string;
  userId: string;
  kind: NumberKind;
  smsEnabled: boolean;
}

export interface SmsRequestView {
  id: string;
  numberId: string;
  userId: string;
  phoneNumber: string | null;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}
