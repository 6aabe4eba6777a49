import type { Role } from '@app/kernel';

/** The authenticated caller: who it is and the roles its key grants. */
export type Principal = Readonly<{ id: string; roles: readonly Role[] }>;

export type HttpRole = Exclude<Role, 'system'>;
