/** The roles of shared/API.md, plus `system` for the processes that act on their own (timers, cap sweep). */
export const ROLES = ['intake', 'officer', 'auditor', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who caused something: the authenticated principal and the role it acted in. */
export type Actor = Readonly<{ id: string; role: Role }>;
