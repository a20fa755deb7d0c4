// Encryption of integration secrets at rest: keyring, stored format, key loading, and the redacting wrapper.
export { FORMAT_VERSION, KEY_BYTES, Keyring, SecretsError, keyIdOf, parseSealed, rotateAll } from "./crypto";
export type { SealedParts, SealedRecord, SecretsErrorCode } from "./crypto";
export { KEY_ENV, KEY_FILE_NAME, PREVIOUS_KEYS_ENV, loadKeyring, loadOrCreateKeyFile, parseKey, parseKeyList } from "./key-source";
export type { KeyFileResult, LoadedKeyring } from "./key-source";
export { REDACTED, SecretValue, redact } from "./secret-value";
