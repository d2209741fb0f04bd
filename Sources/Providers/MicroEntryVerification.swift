/// The answer to verify (`VerifiedMicroDeposit`).
public struct MicroEntryVerification: Sendable, Hashable, Decodable {
  /// `Verified`.
  public var status: String?
  /// Human text.
  public var statusDescription: String?
}
