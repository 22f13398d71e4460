import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from './api-key.model';

export const ROLE_KEY = 'feedgate:role';

/** Minimum role of a route (default for guarded routes: viewer). */
export const RequireRole = (role: ApiRole) => SetMetadata(ROLE_KEY, role);
