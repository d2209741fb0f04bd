import Providers
import Verification

/// One configured receiver of webhooks (`webhooks.endpoints.<name>` in the configuration): where
/// deliveries go, which events it hears, the secret they are signed with, and how long one POST
/// may take.
public struct WebhookEndpoint: Sendable, Hashable {
  /// Its name: lowercase letters and digits, starting with a letter, at most 32 (as stored on
  /// each outbox row, and as named in `webhooks status`, metrics and logs, where the URL never is).
  public var name: String
  /// Where deliveries are POSTed: an `http` or `https` URL.
  public var url: String
  /// The event types it hears.
  public var types: Set<WebhookEventType>
  /// The key of each delivery's `Verifierd-Signature`.
  public var secret: Secret
  /// How long one POST may take, connection included.
  public var timeout: Duration

  /// The default timeout of one POST.
  public static let defaultTimeout: Duration = .seconds(10)

  /// Creates an endpoint.
  public init(
    name: String, url: String, types: Set<WebhookEventType>, secret: Secret,
    timeout: Duration = defaultTimeout
  ) {
    self.name = name
    self.url = url
    self.types = types
    self.secret = secret
    self.timeout = timeout
  }

  /// Whether `name` is a valid endpoint name (the outbox's check says the same).
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
      name.utf8.count <= 32
    else { return false }
    return name.utf8.allSatisfy {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
    }
  }
}
