import type { Admin, Kafka, RetryOptions } from 'kafkajs';

export interface LazyAdmin {
  /** The admin client, connected at the first call and kept; a failed connect is tried again next call. */
  connected(): Promise<Admin>;
  /** Disconnects it; a later `connected()` opens a new one. */
  close(): Promise<void>;
}

/** One admin connection for something asked now and then (readiness, lag), opened when first needed. */
export function createLazyAdmin(kafka: Kafka, retry: RetryOptions): LazyAdmin {
  let admin: Admin | undefined;
  let connecting: Promise<void> | undefined;
  return {
    async connected() {
      admin ??= kafka.admin({ retry });
      const client = admin;
      connecting ??= client.connect().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
      await connecting;
      return client;
    },
    async close() {
      const closing = admin;
      admin = undefined;
      connecting = undefined;
      await closing?.disconnect().catch(() => undefined);
    },
  };
}
