/// Body of the initiate call (`MicroDepositInitiation`).
public struct MicroEntryInitiation: Sendable, Hashable, Encodable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// The receiving account.
  public var receiver: MicroEntryReceiver
  /// Optional institution login id.
  public var institutionLoginId: String?
  /// Optional callback URL.
  public var callbackUrl: String?

  /// Creates an initiation.
  public init(
    receiver: MicroEntryReceiver, institutionLoginId: String? = nil, callbackUrl: String? = nil
  ) {
    self.receiver = receiver
    self.institutionLoginId = institutionLoginId
    self.callbackUrl = callbackUrl
  }

  /// A redacted text form, safe for logs.
  public var description: String { "MicroEntryInitiation(\(receiver))" }
  /// Same as `description`: redacted, safe for logs.
  public var debugDescription: String { description }
  /// A mirror without secrets, full account numbers or amounts, so `dump` stays redacted.
  public var customMirror: Mirror { Mirror(self, children: ["receiver": receiver]) }
}
