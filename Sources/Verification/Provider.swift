/// The micro-deposit provider a job runs against, stored as text in `verifier.jobs.provider`.
public enum Provider: String, Sendable, Hashable, Codable, CaseIterable {
  /// Finicity (Mastercard Open Finance US) micro entries: the daemon initiates the deposits.
  case finicity
  /// Folio bank-link micro-deposit verification: the deposits were sent when the link was made.
  case folio
}
