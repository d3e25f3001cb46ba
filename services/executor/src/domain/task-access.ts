import { coversUnit, type StaffPrincipal } from '@priemnaya/auth';
import { SHARED_COMMANDS, SUPERVISOR_COMMANDS, type WorkCommandKind } from './work-commands.js';

/** What a person may do on the executor side; each is checked against the task's unit. */
export type TaskPermission = 'read' | WorkCommandKind | 'manage-executors';

/** Undefined when allowed; otherwise why not, naming the field at fault for a unit mismatch. */
export type AccessRefusal = { field: 'role' | 'unit'; message: string };

/**
 * Executors see and act on their own unit's tasks (a co-executor unit's part is its own task);
 * supervisors see their units' tasks and decide assignments and extensions; both tag an appeal; administrators see
 * all and keep the executors' availability; intake operators have no part in tasks.
 */
export function checkAccess(principal: StaffPrincipal, unit: string, permission: TaskPermission): AccessRefusal | undefined {
  const { role } = principal;
  const roleRefusal = { field: 'role', message: `role: ${role} may not ${permission === 'read' ? 'see tasks' : permission}` } as const;
  if (role === 'intake-operator') return roleRefusal;
  if (permission === 'read') return coversUnit(principal, unit) ? undefined : unitRefusal(unit);
  if (permission === 'manage-executors') {
    if (role === 'administrator') return undefined;
    if (role !== 'supervisor') return roleRefusal;
    return coversUnit(principal, unit) ? undefined : unitRefusal(unit);
  }
  const allowedRoles = SHARED_COMMANDS.has(permission) ? ['executor', 'supervisor'] : [SUPERVISOR_COMMANDS.has(permission) ? 'supervisor' : 'executor'];
  if (!allowedRoles.includes(role)) return roleRefusal;
  return coversUnit(principal, unit) ? undefined : unitRefusal(unit);
}

function unitRefusal(unit: string): AccessRefusal {
  return { field: 'unit', message: `unit: ${unit} is not one of your units` };
}
