import { randomUUID } from 'node:crypto';
import type { ControlAlert } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { testInfra, uniqueName } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import { createAlertLedger } from '../src/data-access/alert-ledger.js';

const infra = testInfra();
const NOW = new Date('2026-11-23T07:00:00.000Z');

function anAlert(): ControlAlert {
  return {
    version: 1, type: 'deadline-stage', alertId: randomUUID(), appealId: randomUUID(), clockId: 'answer', clockKind: 'answer', policyId: 'written-59fz', stageId: 'half',
    trigger: 'time-used', thresholdAt: NOW.toISOString(), fireAt: NOW.toISOString(), dueAt: NOW.toISOString(), raisedAt: NOW.toISOString(), recipients: ['executor'],
  };
}

describe('the alert ledger on the real database', () => {
  it('claims each alert once, and one mark per batch says every alert of that batch was produced', async ({ onTestFinished }) => {
    const database = await connectDatabase(infra.mongoUrl, uniqueName('ledger'));
    onTestFinished(async () => {
      await database.db.dropDatabase();
      await database.close();
    });
    const ledgerA = createAlertLedger(database.db, 'session-a');
    const ledgerB = createAlertLedger(database.db, 'session-b');
    const [first, second, third] = [anAlert(), anAlert(), anAlert()];
    const batchA = await ledgerA.claim([first, second], NOW);
    expect(batchA.existing.size).toBe(0);

    // A second claim of the same ids finds them, whoever asks; only the new one is this batch's.
    const batchB = await ledgerB.claim([second, third], NOW);
    expect([...batchB.existing]).toEqual([second.alertId]);
    expect(batchB.batch).not.toBe(batchA.batch);

    let claims = await ledgerB.inspect([first.alertId, second.alertId, third.alertId]);
    expect(claims.get(first.alertId)).toEqual({ session: 'session-a', claimedAt: NOW.toISOString(), produced: false });
    expect(claims.get(third.alertId)).toEqual({ session: 'session-b', claimedAt: NOW.toISOString(), produced: false });

    await ledgerA.markBatchProduced(batchA.batch, NOW);
    // Marking twice (a retry) is harmless.
    await ledgerA.markBatchProduced(batchA.batch, NOW);
    claims = await ledgerB.inspect([first.alertId, second.alertId, third.alertId]);
    expect([first, second, third].map((alert) => claims.get(alert.alertId)?.produced)).toEqual([true, true, false]);

    // Taken over one by one: the mark names the alert, not its batch, whose other alerts stay unmarked.
    await ledgerB.markProduced([third.alertId], NOW);
    expect((await ledgerB.inspect([third.alertId])).get(third.alertId)?.produced).toBe(true);
    expect((await ledgerB.inspect([randomUUID()])).size).toBe(0);
  });

  it('reads claims written before batches, each marked under its alert id', async ({ onTestFinished }) => {
    const database = await connectDatabase(infra.mongoUrl, uniqueName('ledger'));
    onTestFinished(async () => {
      await database.db.dropDatabase();
      await database.close();
    });
    const [marked, unmarked] = [randomUUID(), randomUUID()];
    await database.db.collection<{ _id: string; session: string; claimedAt: string }>('alert_claims').insertMany([
      { _id: marked, session: 'old', claimedAt: NOW.toISOString() },
      { _id: unmarked, session: 'old', claimedAt: NOW.toISOString() },
    ]);
    await database.db.collection<{ _id: string; producedAt: string }>('alerts_produced').insertOne({ _id: marked, producedAt: NOW.toISOString() });
    const claims = await createAlertLedger(database.db, 'new').inspect([marked, unmarked]);
    expect(claims.get(marked)?.produced).toBe(true);
    expect(claims.get(unmarked)?.produced).toBe(false);
  });
});
