-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "requestBody" BYTEA,
ADD COLUMN     "requestHeaders" JSONB;

-- The explorer's payload search reads bodies as text. A body that is not valid UTF-8 (a binary payload, a NUL
-- byte) would make convert_from fail the whole query, so such a body is searched in its escaped form instead
-- (non-ASCII bytes as \ooo): text that is there is still found, and nothing fails.
CREATE FUNCTION webhook_body_text(body BYTEA) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN convert_from(body, 'UTF8');
EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
  RETURN encode(body, 'escape');
END
$$;
