/// A Folio bank link as read to reconcile an uncertain verify.
public struct BankLink: Sendable, Hashable {
  /// The bank link's status.
  public enum Status: String, Sendable, Hashable, CaseIterable {
    /// `A`: active.
    case active = "A"
    /// `D`: deleted (after the final failed attempt).
    case deleted = "D"
  }

  /// The status, when present and known.
  public var status: Status?
  /// `verifyStatus`, when present.
  public var verifyStatus: Bool?

  /// Creates a bank link.
  public init(status: Status?, verifyStatus: Bool?) {
    self.status = status
    self.verifyStatus = verifyStatus
  }

  /// A bank link from Folio's texts: an unknown status reads as `nil`.
  public init(statusText: String?, verifyStatus: Bool?) {
    self.init(status: statusText.flatMap(Status.init(rawValue:)), verifyStatus: verifyStatus)
  }
}
