export * from './screen-appeal.js';
export { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from './screening-policy.js';
export { personKeys, normaliseEmail, normalisePhone, type ScreenedAuthor } from './person-keys.js';
export { parsePersonName, type PersonName } from './parse-person-name.js';
export { textSignature, textSimilarity, type TextSignature } from './text-signature.js';
