export * from "./config";
export { verifiers, verify, type VerifierRegistry } from "./registry";
export { VERIFICATION_FAILURE_REASONS } from "./types";
export type { VerificationFailure, VerificationFailureReason, VerificationInput, VerificationResult, VerificationSuccess, Verifier } from "./types";
