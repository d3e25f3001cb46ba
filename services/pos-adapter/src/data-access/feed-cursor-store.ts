import type { Db } from 'mongodb';

interface CursorDocument {
  _id: 'feed';
  cursor: string;
  savedAt: Date;
}

/** Where the adapter is in the platform's feed; saved only once a page is fully registered. */
export function createFeedCursorStore(db: Db) {
  const cursors = db.collection<CursorDocument>('feed_cursor');
  return {
    async load(): Promise<string | undefined> {
      return (await cursors.findOne({ _id: 'feed' }))?.cursor;
    },
    async save(cursor: string): Promise<void> {
      await cursors.updateOne({ _id: 'feed' }, { $set: { cursor, savedAt: new Date() } }, { upsert: true });
    },
    /** Forgets the position, so the feed is read from its beginning (a test's stand-in for a crash before the save). */
    async reset(): Promise<void> {
      await cursors.deleteOne({ _id: 'feed' });
    },
  };
}
export type FeedCursorStore = ReturnType<typeof createFeedCursorStore>;
