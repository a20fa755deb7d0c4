-- Tables rewritten all day (the queues at up to 500 webhooks/s, integrations and their per-location rows and
-- circuits on every probe) are vacuumed after a fixed number of dead rows rather than 20% of the table: a queue of
-- 700,000 kept rows would otherwise carry 140,000 dead ones, and the queue loop's index scans walk their entries
-- (measured by `npm run soak`: the settle statement grew from 1 ms to 900 ms). Ignored where autovacuum is off.
ALTER TABLE "WebhookEvent" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "NotificationDelivery" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "StatusSubscriberDelivery" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE "Integration" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE "IntegrationLocation" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE "CircuitState" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
