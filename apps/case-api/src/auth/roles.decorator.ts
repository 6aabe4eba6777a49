import { SetMetadata } from '@nestjs/common';
import type { HttpRole } from './principal';

export const ROLES_KEY = 'impplus:roles';
export const PUBLIC_KEY = 'impplus:public';

/** The roles allowed on a route (any one of them suffices). */
export const Roles = (...roles: HttpRole[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no key (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
