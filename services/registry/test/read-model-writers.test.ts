import { connectDatabase } from '@priemnaya/database';
import { uniqueName } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { createAppealReadModel } from '../src/data-access/appeal-read-model.js';
import { foldCard } from '../src/domain/appeal-card.js';
import { factFromReceived, type AppealFact } from '../src/domain/appeal-facts.js';
import { anAppealStory } from './support/appeal-story.js';
import { infra } from './support/registry-harness.js';

async function openReadModel(onTestFinished: (cleanup: () => Promise<void>) => void) {
  const database = await connectDatabase(infra.mongoUrl, uniqueName('registry'));
  onTestFinished(async () => {
    await database.db.dropDatabase();
    await database.close();
  });
  const readModel = createAppealReadModel(database.db);
  await readModel.ensureIndexes();
  return { database, readModel };
}

// Straight on the read model and the real FerretDB: the races Kafka delivery rarely produces on demand.
describe.concurrent('the read model on FerretDB', () => {
  it('when two replicas apply the facts of one appeal at the same time, the card holds every fact once', async ({ expect, onTestFinished }) => {
    const { database, readModel } = await openReadModel(onTestFinished);
    const other = createAppealReadModel(database.db);
    const story = anAppealStory();
    const facts: AppealFact[] = [factFromReceived(story.received), ...story.events];

    await Promise.all([
      (async () => { for (const fact of facts.filter((_, index) => index % 2 === 0)) await readModel.apply(fact); })(),
      (async () => { for (const fact of facts.filter((_, index) => index % 2 === 1).reverse()) await other.apply(fact); })(),
    ]);

    const dossier = await readModel.dossier(story.received.appealId);
    expect(dossier?.card).toEqual(foldCard(facts));
    expect(dossier?.facts.map(({ eventId }) => eventId).sort()).toEqual(facts.map(({ eventId }) => eventId).sort());
  });

  it('when a fact is applied again after a crash left it in its slot without the index entry, the entry catches up and the fact is stored once', async ({ expect, onTestFinished }) => {
    const { database, readModel } = await openReadModel(onTestFinished);
    const story = anAppealStory({ steps: 6 });
    const [received, ...events] = [factFromReceived(story.received), ...story.events];
    for (const fact of [received, ...events.slice(0, 4)]) if (fact) await readModel.apply(fact);
    // The crash: slot 5 was claimed, the entry still says 5 slots.
    const accepted = events[5];
    if (accepted === undefined || received === undefined) throw new Error('story changed');
    await database.db.collection('appeal_slots').insertOne({ _id: `${story.received.appealId}#5` as never, appealId: story.received.appealId, slot: 5, fact: accepted });
    expect((await readModel.findStatus(story.received.appealId))?.status).toBe('routed');

    await readModel.apply(accepted);
    await readModel.apply(accepted);

    expect((await readModel.findStatus(story.received.appealId))?.status).toBe('accepted');
    expect(await database.db.collection('appeal_slots').countDocuments({ appealId: story.received.appealId })).toBe(6);
    expect((await readModel.facts(story.received.appealId)).map(({ type }) => type)).toEqual([
      'appeal.received', 'appeal.triaged', 'appeal.triage-decided', 'appeal.handed-back', 'appeal.routed', 'appeal.accepted',
    ]);
  });
});
