/// A successful verify answer: whether the provider said the amounts were verified.
public struct VerifyAnswer: Sendable, Hashable {
  /// Whether the provider said the amounts were verified.
  public var verified: Bool

  /// Creates an answer.
  public init(verified: Bool) {
    self.verified = verified
  }

  /// Finicity's answer (`VerifiedMicroDeposit.status`): verified only when the status is
  /// `Verified`.
  public init(finicityStatus status: String?) {
    verified = status.flatMap(MicroEntryStatus.init(rawValue:)) == .verified
  }

  /// Folio's answer (`verifyStatus`): verified only when it is `true`.
  public init(folioVerifyStatus status: Bool?) {
    verified = status == true
  }
}
