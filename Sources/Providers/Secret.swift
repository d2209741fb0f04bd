/// A secret value (partner secret, app key, token, shared secret) that never prints itself.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
  ExpressibleByStringLiteral
{
  /// The secret text. Read it only to put it on the wire.
  public let revealed: String

  /// Wraps a secret value.
  public init(_ value: String) { self.revealed = value }

  /// Wraps a literal secret (tests and examples).
  public init(stringLiteral value: String) { self.revealed = value }

  public var description: String { "<secret>" }
  public var debugDescription: String { "<secret>" }
}
