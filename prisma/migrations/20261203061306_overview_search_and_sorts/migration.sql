-- The overview at 10,000 integrations (lib/db/overview-rows.ts): its search and tag filter read a narrow table kept by
-- a trigger, indexed by trigram where pg_trgm can be had, and its "errors" order reads an index.

-- CreateTable
CREATE TABLE "IntegrationSearch" (
    "integrationId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "tags" TEXT[],

    CONSTRAINT "IntegrationSearch_pkey" PRIMARY KEY ("integrationId")
);

-- CreateIndex
CREATE INDEX "IntegrationSearch_tags_idx" ON "IntegrationSearch" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "IntegrationSearch" ADD CONSTRAINT "IntegrationSearch_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "IntegrationTag" (
    "tag" TEXT NOT NULL,
    "integrations" INTEGER NOT NULL,

    CONSTRAINT "IntegrationTag_pkey" PRIMARY KEY ("tag")
);

-- What the search matches: the name, the config as JSON text and the tags (the same text the overview searched before),
-- one per line; and the count of each tag in use. Fired on insert, on delete, and on an update of name, config or tags
-- only: the probes' updates of Integration (nextRunAt, leases, the stored status) do not fire it. The search row of a
-- deleted integration goes with it (the foreign key cascades); its tags are counted down here, in tag order, so two
-- writers never wait on each other's tag rows in a circle.
CREATE FUNCTION "tether_integration_search"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone TEXT[] := CASE WHEN TG_OP = 'INSERT' THEN '{}' ELSE ARRAY(SELECT DISTINCT unnest(OLD.tags)) END;
  came TEXT[] := CASE WHEN TG_OP = 'DELETE' THEN '{}' ELSE ARRAY(SELECT DISTINCT unnest(NEW.tags)) END;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "IntegrationSearch" ("integrationId", "text", "tags")
    VALUES (NEW.id, NEW.name || E'\n' || NEW.config::text || E'\n' || array_to_string(NEW.tags, ' '), NEW.tags)
    ON CONFLICT ("integrationId") DO UPDATE SET "text" = EXCLUDED."text", "tags" = EXCLUDED."tags";
  END IF;
  INSERT INTO "IntegrationTag" AS t ("tag", "integrations")
  SELECT tag, sum(d)::int FROM (SELECT unnest(came) AS tag, 1 AS d UNION ALL SELECT unnest(gone), -1) c
  GROUP BY tag HAVING sum(d) <> 0 ORDER BY tag
  ON CONFLICT ("tag") DO UPDATE SET "integrations" = t."integrations" + EXCLUDED."integrations";
  DELETE FROM "IntegrationTag" WHERE "tag" = ANY(gone) AND "integrations" <= 0;
  RETURN NULL;
END $$;

CREATE TRIGGER "Integration_search" AFTER INSERT OR DELETE OR UPDATE OF name, config, tags ON "Integration"
  FOR EACH ROW EXECUTE FUNCTION "tether_integration_search"();

-- TRUNCATE fires no row trigger; the search rows go by the cascade it needs, the tag counts here.
CREATE FUNCTION "tether_integration_tags_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "IntegrationTag";
  RETURN NULL;
END $$;

CREATE TRIGGER "Integration_tags_truncate" AFTER TRUNCATE ON "Integration"
  FOR EACH STATEMENT EXECUTE FUNCTION "tether_integration_tags_truncate"();

INSERT INTO "IntegrationSearch" ("integrationId", "text", "tags")
SELECT id, name || E'\n' || config::text || E'\n' || array_to_string(tags, ' '), tags FROM "Integration";

INSERT INTO "IntegrationTag" ("tag", "integrations")
SELECT tag, count(DISTINCT id)::int FROM "Integration", unnest(tags) AS tag GROUP BY tag;

-- A trigram index makes a search of three or more characters an index read. pg_trgm ships with PostgreSQL (contrib,
-- a trusted extension since 13, so a database owner may create it) and with the embedded binaries; where it cannot
-- be created, the search still works, by reading the narrow table.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX "IntegrationSearch_text_trgm_idx" ON "IntegrationSearch" USING GIN ("text" gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%): the overview search reads IntegrationSearch without a trigram index', SQLERRM;
END $$;

-- The "errors" order (worst first, never-run last), then name and id, as the overview's ORDER BY says it.
CREATE INDEX "Integration_errorRate_name_id_idx" ON "Integration" ("errorRate" DESC NULLS LAST, "name", "id");

-- Statistics for the new tables now, not at autovacuum's leisure: without them the planner guesses a search matches
-- one row.
ANALYZE "IntegrationSearch", "IntegrationTag";
