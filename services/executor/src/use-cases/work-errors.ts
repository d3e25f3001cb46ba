import { AppError } from '@priemnaya/errors';

/** The person may not do this (role or unit): 403 / PERMISSION_DENIED. */
export class AccessDenied extends AppError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super('AccessDenied', message, { retriable: false });
  }
}

/** No such task in the unit: 404 / NOT_FOUND. */
export class TaskNotFound extends AppError {
  constructor(unit: string, appealId: string) {
    super('TaskNotFound', `appealId: the unit ${unit} has no task for appeal ${appealId}`, { retriable: false });
  }
}

/** The task's state does not allow the action: 409 / FAILED_PRECONDITION; nothing changed. */
export class WorkRefused extends AppError {
  constructor(message: string) {
    super('WorkRefused', message, { retriable: false });
  }
}

/** Someone else acted on the same state first: 409 / ABORTED; read the task again and retry if still meant. */
export class WorkConflict extends AppError {
  constructor() {
    super('WorkConflict', 'another action on this task was recorded first; read the task again', { retriable: false });
  }
}
