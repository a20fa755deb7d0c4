-- Rows rewritten by every recorded run keep room on their page for their next version, so the update can be HOT
-- (no new entry in any of the table's indexes; the old version is pruned in place). At fillfactor 100 the rows a
-- batch rewrites share full pages: in `npm run bench:probes -- --phases ramp --ramp 1000` only 21% of Integration's
-- updates (the claim's lease, which touches no indexed column, and the move to the next slot, which always adds
-- entries since nextRunAt is indexed), 52% of CircuitState's and 49-54% of the rollups' were HOT; the others added an
-- entry to every index of their table. With these settings, in the same run: Integration 49% (every claim), CircuitState
-- 100%, the rollups 86-87%.
-- Integration, its circuit and its location slots hold one row per integration: half a page left free costs little.
-- The rollups are kept for 30 days (minute) and a year (hour): a fifth.
-- Applies to pages written from now on; rows that move at their next update settle into it.
ALTER TABLE "Integration" SET (fillfactor = 50);
ALTER TABLE "CircuitState" SET (fillfactor = 50);
ALTER TABLE "IntegrationLocation" SET (fillfactor = 50);
ALTER TABLE "ProbeRollupMinute" SET (fillfactor = 80);
ALTER TABLE "ProbeRollupHour" SET (fillfactor = 80);
