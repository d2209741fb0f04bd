/// Settings of the Finicity client.
public struct FinicityConfiguration: Sendable {
  /// Base URL, `https://api.finicity.com` in production and Test Drive.
  public var baseURL: String
  /// The partner id (not secret, but kept out of logs anyway).
  public var partnerId: String
  /// The partner secret.
  public var partnerSecret: Secret
  /// The `Finicity-App-Key`.
  public var appKey: Secret
  /// Age after which a new token is made (Finicity: tokens live 2 hours, renew after 90 minutes).
  public var tokenRenewAfter: Duration

  /// Creates a configuration.
  public init(
    baseURL: String = "https://api.finicity.com",
    partnerId: String,
    partnerSecret: Secret,
    appKey: Secret,
    tokenRenewAfter: Duration = .seconds(90 * 60)
  ) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.partnerId = partnerId
    self.partnerSecret = partnerSecret
    self.appKey = appKey
    self.tokenRenewAfter = tokenRenewAfter
  }
}
