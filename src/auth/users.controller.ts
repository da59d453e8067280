import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { CurrentPrincipal, Principal, Roles } from './principal';
import { CreateUserDto } from './user.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  /** Every user, oldest first: {id, salesforceUserId, name, email, role, hasKey, createdAt}; never a key. */
  @Get()
  list() {
    return this.auth.listUsers();
  }

  /** The key is in this response only; it is stored hashed. */
  @Post()
  async create(@Body() dto: CreateUserDto) {
    const { user, apiKey } = await this.auth.createUser(dto);
    return { id: user.id, salesforceUserId: user.salesforceUserId, name: user.name, email: user.email, role: user.role, apiKey };
  }

  /** A new key for the user, shown once; the old one is refused from now on. 404 for an unknown user. */
  @Post(':id/keys')
  @ApiCreatedResponse({ description: '{apiKey}: the new key, shown once' })
  async rotate(@Param('id') id: string, @CurrentPrincipal() admin: Principal) {
    return { apiKey: await this.auth.rotateKey(id, admin) };
  }

  /** The user's key is revoked: every request with it is refused (401) until an admin rotates it. */
  @Delete(':id/keys')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked' })
  async revoke(@Param('id') id: string, @CurrentPrincipal() admin: Principal): Promise<void> {
    await this.auth.revokeKey(id, admin);
  }
}
