import Observability
import Prometheus
import Testing

@Suite("VerifierMetrics: names, labels and histograms in the Prometheus exposition")
struct VerifierMetricsTests {
  let registry = PrometheusCollectorRegistry()
  var metrics: VerifierMetrics {
    VerifierMetrics(factory: VerifierMetrics.prometheusFactory(registry: registry))
  }

  @Test("provider calls: counter by provider, endpoint and result; latency histogram; 429s")
  func providerCalls() {
    let metrics = metrics
    metrics.providerCall(
      provider: "finicity", endpoint: "initiate", result: .success, latency: .milliseconds(40),
      httpStatus: nil)
    metrics.providerCall(
      provider: "finicity", endpoint: "initiate", result: .retryLater, latency: .milliseconds(5),
      httpStatus: 429)
    metrics.providerCall(
      provider: "finicity", endpoint: "initiate", result: .retryLater, latency: .seconds(2),
      httpStatus: 503)
    metrics.retry(provider: "finicity", endpoint: "initiate")
    let text = registry.emitToString()
    #expect(
      text.contains(
        #"verifierd_provider_calls_total{provider="finicity",endpoint="initiate",result="success"} 1"#
      ))
    #expect(
      text.contains(
        #"verifierd_provider_calls_total{provider="finicity",endpoint="initiate",result="retry_later"} 2"#
      ))
    #expect(
      text.contains(
        #"verifierd_provider_call_duration_seconds_bucket{provider="finicity",endpoint="initiate",le="0.05"} 2"#
      ))
    #expect(
      text.contains(
        #"verifierd_provider_call_duration_seconds_count{provider="finicity",endpoint="initiate"} 3"#
      ))
    #expect(
      text.contains(
        #"verifierd_provider_rate_limited_total{provider="finicity",endpoint="initiate"} 1"#))
    #expect(
      text.contains(#"verifierd_provider_retries_total{provider="finicity",endpoint="initiate"} 1"#)
    )
  }

  @Test("transitions, finished jobs, claims, rescues and lost leases")
  func loopMetrics() {
    let metrics = metrics
    metrics.transition(provider: "folio", from: "awaiting_amounts", to: "verifying")
    metrics.transition(provider: "folio", from: "awaiting_amounts", to: "verifying")
    metrics.finished(provider: "folio", outcome: "verified")
    metrics.claimed(batchSize: 0, rescued: 0)
    metrics.claimed(batchSize: 5, rescued: 2)
    metrics.leasesLost(0, detectedBy: .renewal)
    metrics.leasesLost(3, detectedBy: .renewal)
    metrics.leasesLost(1, detectedBy: .write)
    let text = registry.emitToString()
    #expect(
      text.contains(
        #"verifierd_transitions_total{provider="folio",from="awaiting_amounts",to="verifying"} 2"#))
    #expect(text.contains(#"verifierd_jobs_finished_total{provider="folio",outcome="verified"} 1"#))
    #expect(text.contains(#"verifierd_claim_batch_size_bucket{le="0.0"} 1"#))
    #expect(text.contains(#"verifierd_claim_batch_size_bucket{le="8.0"} 2"#))
    #expect(text.contains("verifierd_claim_batch_size_sum 5.0"))
    #expect(text.contains("verifierd_lease_rescues_total 2"))
    #expect(text.contains(#"verifierd_leases_lost_total{detected_by="renewal"} 3"#))
    #expect(text.contains(#"verifierd_leases_lost_total{detected_by="write"} 1"#))
  }

  @Test("queue gauges: jobs per state, due jobs, the oldest due job's lag")
  func queueGauges() {
    let metrics = metrics
    metrics.jobs(provider: "finicity", state: "pending", count: 7)
    metrics.jobs(provider: "finicity", state: "pending", count: 4)
    metrics.queue(dueNow: 3, oldestDueLagSeconds: 1.5)
    let text = registry.emitToString()
    #expect(text.contains(#"verifierd_jobs{provider="finicity",state="pending"} 4"#))
    #expect(text.contains("verifierd_jobs_due 3"))
    #expect(text.contains("verifierd_queue_lag_seconds 1.5"))
  }
}
