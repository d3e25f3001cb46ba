import { startPrivateDatabase } from '@priemnaya/testing';
import { drillDownMs, drillMain, sharedInfra } from './support/drill-main.js';
import { freezeThaw, outage } from './support/infra-outage.js';

/**
 * Drill: the fleet runs on a FerretDB of its own (the shared one is never touched), which is
 * frozen (SIGSTOP: it accepts connections and never answers, as a hung server) under a steady
 * load of appeals for DRILL_DOWN_SECONDS (default 30) and thawed (SIGCONT). A call to it must
 * fail within its bound, never hang: callers get 503, not silence.
 */
console.log('starting a private FerretDB for the drill');
const database = await startPrivateDatabase();
await drillMain(
  'freeze-database',
  {
    infra: { ...sharedInfra(), mongoUrl: database.mongoUrl },
    disrupt: (context) => outage('database', freezeThaw(database), drillDownMs(30), context),
  },
  () => database.remove(),
);
