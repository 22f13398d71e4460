import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRole, Principal } from './api-key.model';
import { ApiKeyService } from './api-key.service';
import { ROLE_KEY } from './roles.decorator';

/** The principal the guard attached to an authenticated request. */
export interface AuthedRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/** Key from `x-api-key` or `Authorization: Bearer <key>`. */
export function presentedKey(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  return undefined;
}

/** Missing or wrong key → 401; a viewer on an admin route → 403. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const principal = this.keys.verify(presentedKey(request.headers));
    if (!principal) throw new UnauthorizedException('missing or invalid API key');
    const needed =
      this.reflector.getAllAndOverride<ApiRole | undefined>(ROLE_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'viewer';
    if (needed === 'admin' && principal.role !== 'admin') {
      throw new ForbiddenException('this route needs an admin key');
    }
    request.principal = principal;
    return true;
  }
}
