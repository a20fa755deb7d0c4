-- An HTTP check's single "assertion" becomes the list "assertions", meaning the same (lib/probes/http/legacy-assertion.ts
-- maps it identically at read time for configs sent the old way): json_path with equals -> equals, without -> exists;
-- body_contains -> body contains; graphql -> $.errors is empty, plus its path exists when it had one.
UPDATE "Integration"
SET "config" = ("config" - 'assertion') || jsonb_build_object(
  'assertions',
  (CASE "config" -> 'assertion' ->> 'type'
    WHEN 'json_path' THEN jsonb_build_array(
      CASE WHEN ("config" -> 'assertion') ? 'equals'
        THEN jsonb_build_object('source', 'json_path', 'property', "config" -> 'assertion' ->> 'path', 'comparison', 'equals', 'target', "config" -> 'assertion' ->> 'equals')
        ELSE jsonb_build_object('source', 'json_path', 'property', "config" -> 'assertion' ->> 'path', 'comparison', 'exists')
      END)
    WHEN 'body_contains' THEN jsonb_build_array(jsonb_build_object('source', 'body', 'comparison', 'contains', 'target', "config" -> 'assertion' ->> 'text'))
    WHEN 'graphql' THEN jsonb_build_array(jsonb_build_object('source', 'json_path', 'property', '$.errors', 'comparison', 'is_empty'))
      || CASE WHEN coalesce("config" -> 'assertion' ->> 'path', '') <> ''
        THEN jsonb_build_array(jsonb_build_object('source', 'json_path', 'property', "config" -> 'assertion' ->> 'path', 'comparison', 'exists'))
        ELSE '[]'::jsonb
      END
    ELSE '[]'::jsonb
  END) || coalesce("config" -> 'assertions', '[]'::jsonb)
)
WHERE "kind" = 'http' AND "config" ? 'assertion';
