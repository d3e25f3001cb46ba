export * from './screen-appeal.js';
export { similarEarlierAppeals } from './repeat-appeal.js';
export { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from './screening-policy.js';
export { indexPublishedAnswers, PublishedAnswer, PublishedAnswers, type IndexedPublishedAnswer } from './published-answers.js';
export { readPublishedAnswersFile } from './published-answers-file.js';
export { personKeys, normaliseEmail, normalisePhone, type ScreenedAuthor } from './person-keys.js';
export { parsePersonName, type PersonName } from './parse-person-name.js';
export { textSignature, textSimilarity, type TextSignature } from './text-signature.js';
