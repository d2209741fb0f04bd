import Crypto
import Foundation

/// The signature on every webhook delivery, in the `Verifierd-Signature` header:
/// `t=<unix seconds>,v1=<hex HMAC-SHA-256>`, where the HMAC is keyed with the endpoint's secret
/// and taken over the ASCII timestamp, a full stop, and the raw body bytes (`<t>.<body>`).
///
/// A receiver recomputes the HMAC over the body exactly as it arrived, compares it in constant
/// time, and refuses a timestamp older (or newer) than its tolerance, so a captured delivery
/// cannot be replayed later. The recipe in shell with openssl is in docs/webhooks.md.
public struct WebhookSignature: Sendable, Equatable {
  /// The header that carries the signature.
  public static let header = "Verifierd-Signature"
  /// How far a timestamp may be from the receiver's clock, by default: five minutes.
  public static let defaultTolerance: Int64 = 300

  /// When it was signed, in seconds since 1970.
  public var timestamp: Int64
  /// The HMAC, lowercase hex.
  public var hex: String

  /// Signs `body` with `secret` at `timestamp`.
  public init(secret: some DataProtocol, timestamp: Int64, body: some DataProtocol) {
    self.timestamp = timestamp
    self.hex = Self.mac(secret: secret, timestamp: timestamp, body: body)
  }

  /// The header's value: `t=<timestamp>,v1=<hex>`.
  public var headerValue: String { "t=\(timestamp),v1=\(hex)" }

  /// Why a delivery's signature was refused.
  public enum Refusal: Error, Sendable, Equatable {
    /// The header is missing a `t=` or a `v1=` part, or they do not parse.
    case malformed
    /// The timestamp is further than the tolerance from the receiver's clock.
    case stale
    /// No `v1` signature matches the body under this secret.
    case mismatch
  }

  /// Checks a received header's value against `body` and `secret` at the receiver's `now`: `nil`
  /// when the delivery is genuine and fresh, else why not. A header may carry several `v1=` parts
  /// (while a secret is being rotated); one must match.
  public static func verify(
    _ value: String, body: some DataProtocol, secret: some DataProtocol, now: Int64,
    tolerance: Int64 = defaultTolerance
  ) -> Refusal? {
    var timestamp: Int64?
    var candidates: [String] = []
    for part in value.split(separator: ",") {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2 else { return .malformed }
      switch pair[0].trimmingCharacters(in: .whitespaces) {
      case "t": timestamp = Int64(pair[1])
      case "v1": candidates.append(String(pair[1]).lowercased())
      default: continue
      }
    }
    guard let timestamp, !candidates.isEmpty else { return .malformed }
    // A timestamp from the far past or future must not overflow the subtraction.
    let (age, overflow) = now.subtractingReportingOverflow(timestamp)
    guard !overflow, age.magnitude <= tolerance.magnitude else { return .stale }
    let expected = Array(mac(secret: secret, timestamp: timestamp, body: body).utf8)
    let matches = candidates.contains { constantTimeEqual(Array($0.utf8), expected) }
    return matches ? nil : .mismatch
  }

  /// The hex HMAC-SHA-256 of `<timestamp>.<body>` under `secret`.
  static func mac(secret: some DataProtocol, timestamp: Int64, body: some DataProtocol) -> String {
    var hmac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret)))
    hmac.update(data: Array("\(timestamp).".utf8))
    hmac.update(data: Array(body))
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    for byte in hmac.finalize() {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  /// Equal bytes, in time that depends only on the lengths.
  static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for (x, y) in zip(a, b) { difference |= x ^ y }
    return difference == 0
  }
}
