import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ConsentQuery {
  @ApiProperty({ example: '+14155550123', description: 'the phone number, E.164 or as typed (US/Canada)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  phone!: string;
}
