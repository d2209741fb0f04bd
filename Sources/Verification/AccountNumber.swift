/// A full account number (a Finicity receiving account, a Folio account): kept only to build the
/// requests that need it, never printed. `description`, `debugDescription` and the mirror are
/// redacted, so a snapshot, a request or a decision that holds one can be logged or dumped safely.
public struct AccountNumber: Sendable, Hashable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The digits, for the request body or path that needs them. Never log them.
  public let revealed: String

  /// Wraps an account number.
  public init(_ revealed: String) {
    self.revealed = revealed
  }

  /// Always `AccountNumber(<redacted>)`.
  public var description: String { "AccountNumber(<redacted>)" }
  /// Same as `description`.
  public var debugDescription: String { description }
  /// A mirror with no children, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: [:]) }
}
