import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Role } from './user.entity';

export class CreateUserDto {
  @ApiProperty({ example: '005000000000001AAA', description: 'Salesforce User id, 15 or 18 characters' })
  @IsString()
  @IsNotEmpty()
  salesforceUserId!: string;

  @ApiProperty({ example: 'Riley Rep' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'riley@example.com' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: ['rep', 'admin'] })
  @IsIn(['rep', 'admin'])
  role!: Role;
}

/** A user as GET /api/admin/users lists them: never the key, only whether one is in force. */
export interface UserView {
  id: string;
  salesforceUserId: string;
  name: string;
  email: string;
  role: Role;
  /** false after DELETE /api/admin/users/{id}/keys, until the next rotation */
  hasKey: boolean;
  createdAt: string;
}
