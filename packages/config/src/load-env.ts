import { type z } from 'zod';

/** A missing or malformed configuration variable; the message names every variable at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(
      `invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`,
    );
  }
}

/** Parses the environment through one schema whose keys are the variable names. */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
      // Told by the environment itself, not by the issue: a value coerced to a number that is not
      // one (HTTP_PORT=eighty) is an invalid type too, but it was given.
      const given = issue.path.length > 0 && env[variable] !== undefined && env[variable] !== '';
      if (issue.code === 'invalid_type' && !given) return { variable, message: 'is required' };
      if (issue.code === 'invalid_type' && issue.expected === 'number') return { variable, message: `must be a number, got "${String(env[variable])}"` };
      return { variable, message: issue.message };
    }),
  );
}

/**
 * For `main.ts`: parse the environment, or print which variables are wrong and stop the
 * process before anything starts.
 */
export function loadEnv<S extends z.ZodObject>(serviceName: string, schema: S): z.infer<S> {
  try {
    return parseEnv(schema, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${serviceName}: cannot start, ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
