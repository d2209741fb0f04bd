import Prometheus

extension VerifierMetrics {
  /// Provider call latency buckets: calls take tens of milliseconds to tens of seconds.
  public static let callDurationBuckets: [Duration] = [
    .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
    .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
    .seconds(10), .seconds(30), .seconds(60),
  ]

  /// Permit wait buckets: from none (permits to spare) to the seconds of a pause.
  public static let permitWaitBuckets: [Duration] = [
    .milliseconds(1), .milliseconds(5), .milliseconds(20), .milliseconds(50),
    .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
    .seconds(5), .seconds(10), .seconds(30),
  ]

  /// Claim batch size buckets (0 counts the rounds that found nothing due).
  public static let claimBatchBuckets: [Double] = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512]

  /// A Prometheus factory over `registry` with this daemon's histogram buckets; bootstrap
  /// `MetricsSystem` with it, or pass it to ``init(factory:)``.
  public static func prometheusFactory(registry: PrometheusCollectorRegistry)
    -> PrometheusMetricsFactory
  {
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.durationHistogramBuckets[Name.providerCallDuration] = callDurationBuckets
    factory.durationHistogramBuckets[RateLimitName.wait] = permitWaitBuckets
    factory.durationHistogramBuckets[WebhookName.duration] = callDurationBuckets
    factory.valueHistogramBuckets[Name.claimBatchSize] = claimBatchBuckets
    return factory
  }
}
