import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthException, AuthExceptionCode } from './auth.exception';
import { principalOf, type GraphQLContext } from './graphql-context';
import type { Role } from './role';
import { ROLES_KEY } from './roles.decorator';

/** Lets a GraphQL root field run only for the roles its @Roles() names; deny by default. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    const principal = principalOf(GqlExecutionContext.create(context).getContext<GraphQLContext>());
    if (roles?.includes(principal.role)) return true;
    throw new AuthException(
      AuthExceptionCode.ROLE_NOT_ALLOWED,
      `a key with role ${principal.role} may not call ${GqlExecutionContext.create(context).getInfo().fieldName}`,
    );
  }
}
