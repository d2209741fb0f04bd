import Foundation

/// One provider's micro-entry volumes on one UTC day (docs/fraud.md), counted from the jobs'
/// history: never an account, a customer or an amount.
public struct MicroEntryDay: Sendable, Hashable, Codable {
  /// The UTC day, `YYYY-MM-DD`.
  public var day: String
  /// The provider.
  public var provider: String
  /// Forward entries: Finicity initiations the provider took; Folio verifications started.
  public var initiations: Int
  /// Entries the bank returned or rejected (`returned`, `rejected`).
  public var returns: Int
  /// Verifications confirmed.
  public var verified: Int
  /// Amounts the customer got wrong (each spends an attempt).
  public var failedAttempts: Int
  /// Verifications that expired.
  public var expired: Int
  /// Jobs a fraud rule held.
  public var held: Int
  /// Jobs a fraud rule refused.
  public var refused: Int

  /// The columns, as the CSV header and the JSON keys name them.
  public static let columns = [
    "day", "provider", "initiations", "returns", "verified", "failed_attempts", "expired", "held",
    "refused",
  ]

  enum CodingKeys: String, CodingKey {
    case day, provider, initiations, returns, verified, expired, held, refused
    case failedAttempts = "failed_attempts"
  }

  /// The values in ``columns``' order.
  public var values: [String] {
    [day, provider]
      + [initiations, returns, verified, failedAttempts, expired, held, refused].map {
        String($0)
      }
  }
}
