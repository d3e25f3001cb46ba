/**
 * What a citizen may attach: documents and photos a clerk can open without special software.
 * The type is checked against the file's first bytes, not only against what the client claims.
 */
export const ATTACHMENT_TYPES: Record<string, { extensions: string[]; magic?: (head: Buffer) => boolean }> = {
  'application/pdf': { extensions: ['pdf'], magic: (head) => head.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff },
  'image/png': { extensions: ['png'], magic: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'text/plain': { extensions: ['txt'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    magic: (head) => head[0] === 0x50 && head[1] === 0x4b,
  },
  'application/vnd.oasis.opendocument.text': { extensions: ['odt'], magic: (head) => head[0] === 0x50 && head[1] === 0x4b },
};

export interface AttachmentLimits {
  maxFiles: number;
  maxFileBytes: number;
}

/** Why a file is refused, or undefined when it may be stored. */
export function refuseAttachment(file: { fileName: string; contentType: string; content: Buffer }): string | undefined {
  if (file.fileName.trim() === '') return 'the file has no name';
  if (file.fileName.length > 255) return 'the file name is longer than 255 characters';
  const allowed = ATTACHMENT_TYPES[file.contentType];
  if (!allowed) return `type ${file.contentType} is not accepted; accepted: ${Object.keys(ATTACHMENT_TYPES).join(', ')}`;
  if (allowed.magic && !allowed.magic(file.content.subarray(0, 16))) return `the content is not ${file.contentType}`;
  if (file.content.length === 0) return 'the file is empty';
  return undefined;
}
