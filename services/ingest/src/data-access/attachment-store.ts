import { createHash, randomUUID } from 'node:crypto';
import type { AttachmentRef } from '@priemnaya/contracts';
import { GridFSBucket, type Db } from 'mongodb';

/**
 * Files attached to appeals, in MongoDB GridFS: the appeal on Kafka carries only a reference
 * (id, name, type, size, SHA-256), so messages stay small and a file is stored once.
 */
export function createAttachmentStore(db: Db) {
  const bucket = new GridFSBucket(db, { bucketName: 'attachments' });
  return {
    async store(file: { fileName: string; contentType: string; content: Buffer }): Promise<AttachmentRef> {
      const attachmentId = randomUUID();
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      await new Promise<void>((resolve, reject) => {
        const upload = bucket.openUploadStreamWithId(attachmentId as never, file.fileName, { metadata: { contentType: file.contentType, sha256 } });
        upload.once('error', reject);
        upload.once('finish', () => resolve());
        upload.end(file.content);
      });
      return { attachmentId, fileName: file.fileName, contentType: file.contentType, size: file.content.length, sha256 };
    },
    async read(attachmentId: string): Promise<Buffer | undefined> {
      const found = await bucket.find({ _id: attachmentId as never }, { limit: 1 }).toArray();
      if (found.length === 0) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStream(attachmentId as never)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
