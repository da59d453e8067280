import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { Roles } from './principal';
import { CreateUserDto } from './user.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  /** The key is in this response only; it is stored hashed. */
  @Post()
  async create(@Body() dto: CreateUserDto) {
    const { user, apiKey } = await this.auth.createUser(dto);
    return { id: user.id, salesforceUserId: user.salesforceUserId, name: user.name, email: user.email, role: user.role, apiKey };
  }
}
