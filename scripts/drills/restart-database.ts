import { startPrivateDatabase } from '@priemnaya/testing';
import { drillDownMs, drillMain, sharedInfra } from './support/drill-main.js';
import { outage, stopStart } from './support/infra-outage.js';

/**
 * Drill: the fleet runs on a FerretDB of its own (the shared one is never touched), which is
 * stopped under a steady load of appeals for DRILL_DOWN_SECONDS (default 20) and started again.
 */
console.log('starting a private FerretDB for the drill');
const database = await startPrivateDatabase();
await drillMain(
  'restart-database',
  {
    infra: { ...sharedInfra(), mongoUrl: database.mongoUrl },
    disrupt: (context) => outage('database', stopStart(database), drillDownMs(20), context),
  },
  () => database.remove(),
);
