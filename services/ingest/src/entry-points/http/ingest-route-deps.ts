import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Logger } from 'pino';
import type { AppealRepository } from '../../data-access/appeal-repository.js';
import type { AttachmentStore } from '../../data-access/attachment-store.js';
import type { RegistryClient } from '../../data-access/registry-client.js';
import type { AttachmentLimits } from '../../domain/attachment-policy.js';
import type { AppealIntake, Registration } from '../../domain/submit-appeal.js';

/** What every HTTP entry point of ingest (site form, Open311, chat webhooks) is given. */
export interface IngestRouteDeps {
  logger: Logger;
  submitAppeal(intake: AppealIntake): Promise<Registration>;
  appeals: AppealRepository;
  attachments: AttachmentStore;
  attachmentLimits: AttachmentLimits;
  registry: RegistryClient;
  /** Each route module documents its routes here, with the same zod schemas that validate them. */
  openapi: OpenAPIRegistry;
}
