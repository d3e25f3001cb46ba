/**
 * One entry of GeoReport v2's error list: the HTTP status as `code`, and a description that names
 * the field at fault first (`service_code: is required`), as every error of the fleet does.
 */
export interface Open311Fault {
  code: number;
  /** The request field at fault, or `request` when none is. */
  field: string;
  description: string;
}

export function fault(code: number, field: string, problem: string): Open311Fault {
  return { code, field, description: `${field}: ${problem}` };
}

/** A form or query field as fastify hands it over: once, or repeated. */
export type FieldValue = string | string[] | undefined;
export type Fields = Record<string, FieldValue>;

/** Open311 lists may be comma-delimited, repeated, or both; blanks are dropped. */
export function listOf(value: FieldValue): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item.length > 0);
}
