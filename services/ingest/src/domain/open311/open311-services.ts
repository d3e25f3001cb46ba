import { ROUTING_TOPICS, type RoutingTopic } from '@priemnaya/contracts';

/** A service as GeoReport v2 lists it (`GET services`). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  /** True only for a service with attributes; none of ours asks for any. */
  metadata: boolean;
  /** `realtime`: a request gets its service_request_id in the answer to its POST. */
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/**
 * The routing topics are the services: a citizen choosing one says what the appeal is about, in
 * the same words the router predicts. Choosing a service never decides the unit; the routing
 * table does, and the router may still decide another topic from the text.
 */
export const OPEN311_SERVICES: readonly Open311Service[] = ROUTING_TOPICS.map((topic) => ({
  service_code: topic.code,
  service_name: topic.name,
  description: `Обращение по теме «${topic.name}»`,
  metadata: false,
  type: 'realtime',
  keywords: '',
  group: 'Обращения граждан',
}));

export function findOpen311Service(code: string): Open311Service | undefined {
  return OPEN311_SERVICES.find((service) => service.service_code === code);
}

export function isServiceCode(code: string): code is RoutingTopic {
  return findOpen311Service(code) !== undefined;
}
