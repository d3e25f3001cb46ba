/**
 * Closes what a test opened, last opened first, and every one of them even when one fails, so a
 * failed close does not leave a consumer or a broker behind for the next test.
 */
export function createTeardown() {
  const steps: (() => Promise<unknown>)[] = [];
  return {
    /** Registers a close routine and returns the resource, so opening and registering read as one line. */
    add<T>(resource: T, close: (resource: T) => Promise<unknown>): T {
      steps.push(() => close(resource));
      return resource;
    },
    async run(): Promise<void> {
      const errors: unknown[] = [];
      for (const step of steps.splice(0).reverse()) {
        try {
          await step();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, `${errors.length} teardown step(s) failed`);
    },
  };
}
export type Teardown = ReturnType<typeof createTeardown>;
