/// Settings of the Folio client.
public struct FolioConfiguration: Sendable {
  /// Base URL, for instance `https://api.uat.foliofn.com`.
  public var baseURL: String
  /// Digits after the decimal point in `md1`/`md2`. The seed shows five ("0.04000"); default 5.
  public var amountFractionDigits: Int

  /// Creates a configuration.
  public init(baseURL: String, amountFractionDigits: Int = 5) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.amountFractionDigits = amountFractionDigits
  }
}
