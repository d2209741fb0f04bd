/// A secret value (partner secret, app key, token, shared secret) that never prints itself.
///
/// Its description, debug description and mirror (`dump`, `String(reflecting:)`) never show it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable, ExpressibleByStringLiteral
{
  /// The secret text. Read it only to put it on the wire.
  public let revealed: String

  /// Wraps a secret value.
  public init(_ value: String) { self.revealed = value }

  /// Wraps a literal secret (tests and examples).
  public init(stringLiteral value: String) { self.revealed = value }

  /// A redacted text form, safe for logs.
  public var description: String { "<secret>" }
  /// Same as `description`: redacted, safe for logs.
  public var debugDescription: String { "<secret>" }
  /// A mirror without secrets, full account numbers or amounts, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
