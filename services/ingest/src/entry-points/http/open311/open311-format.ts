import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';

/** GeoReport v2 names the format by the resource's extension: `services.xml`, `requests.json`. */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The format a request asked for by its path; JSON when the path names none. */
export function formatOfUrl(url: string): Open311Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

const xml = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });

/**
 * A list as the standard writes it: a JSON array, or in XML a root element holding one element
 * per item (`<service_requests><request>…`). The standard requires the XML declaration with UTF-8.
 */
export function renderList(format: Open311Format, root: string, element: string, items: readonly object[]): string {
  if (format === 'json') return JSON.stringify(items);
  return renderXml({ [root]: items.length === 0 ? '' : { [element]: items.map(nullsAsEmpty) } });
}

/** A single document (the service definition): a JSON object, or an XML root element. */
export function renderDocument(format: Open311Format, root: string, document: Record<string, unknown>): string {
  if (format === 'json') return JSON.stringify(document);
  return renderXml({ [root]: document });
}

function renderXml(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.build(tree)}`;
}

/** JSON says `null` where XML has an empty element (`<account_id/>`). */
function nullsAsEmpty(item: object): object {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, value ?? '']));
}

export function sendOpen311(reply: FastifyReply, format: Open311Format, body: string, status = 200): FastifyReply {
  return reply.status(status).header('content-type', CONTENT_TYPES[format]).send(body);
}
