import JobQueue
import Logging
import Observability
import Providers
import Verification
import VerifierConfiguration

extension VerifierRuntime {
  /// The provider clients with their permits: the fleet's shared limit (scope `fleet`, leased
  /// on `limits`) or this process's bucket (scope `process`).
  static func makeGateway(
    _ configuration: RuntimeConfiguration, http: ProviderHTTPClient, limits: PGConnection,
    metrics: VerifierMetrics, logger: Logger
  ) -> ProviderGateway {
    func permits(_ provider: Provider, rate: Double, scope: String) -> (any CallPermits)? {
      guard scope == "fleet" else {
        return RateLimiter(ratePerSecond: rate, burst: max(1, Int(rate)))
      }
      let store = RateLimitStore(
        connection: limits, provider: provider, law: FleetRateLaw(configuredRate: rate))
      return FleetRateLimiter(
        store: store, configuredRate: rate, metrics: metrics, logger: logger)
    }
    return ProviderGateway(
      finicity: FinicityClient(
        configuration: configuration.finicity, http: http,
        permits: permits(
          .finicity, rate: configuration.finicityRate, scope: configuration.finicityRateScope)),
      folio: FolioClient(
        configuration: configuration.folio, http: http,
        signer: FolioSigner(
          apiKey: configuration.folioAPIKey, sharedSecret: configuration.folioSharedSecret),
        permits: permits(
          .folio, rate: configuration.folioRate, scope: configuration.folioRateScope)))
  }
}
