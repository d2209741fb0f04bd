/// The kind of a `verifier.events` row written by the machine.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
  /// The job's state changed (`from_state`, `to_state`).
  case stateChange = "state_change"
  /// A provider call returned (`endpoint`, `provider_code`, a short summary).
  case providerCall = "provider_call"
  /// A transient failure: the call is retried later.
  case retry
  /// The provider's state is read before acting (after a crash, a timeout, 3100001, 3200002).
  case reconcile
  /// A submission was refused without spending an attempt.
  case submissionRefused = "submission_refused"
  /// Something an operator must look at (authentication failures, impossible inputs).
  case alert
  /// A result arrived that the job's state does not expect; it was ignored.
  case ignored
  /// A fraud rule was broken (`provider_code` names the rule; the message says what was counted
  /// and what the rule did).
  case policyHit = "policy_hit"
}
