import defaultPolicies from './policies/default-policies.json' with { type: 'json' };
import { loadPolicySet, type PolicySet } from './deadline-policy.js';

/** The policies shipped with the package (59-FZ and platform messages); an administrator's set replaces them. */
export const DEFAULT_POLICY_DATA: unknown = defaultPolicies;

export function defaultPolicySet(): PolicySet {
  return loadPolicySet(DEFAULT_POLICY_DATA);
}
