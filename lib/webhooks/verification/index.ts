export * from "./config";
export { providerAnswer, verifiers, verify, type VerifierRegistry } from "./registry";
export { VERIFICATION_FAILURE_REASONS } from "./types";
export type {
  ProviderAnswer,
  RemoteContext,
  RemoteVerifier,
  VerificationFailure,
  VerificationFailureReason,
  VerificationInput,
  VerificationResult,
  VerificationSuccess,
  Verifier,
} from "./types";
