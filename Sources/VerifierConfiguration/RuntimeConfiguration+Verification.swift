import Foundation
import Verification

extension RuntimeConfiguration {
  /// The state machine's configuration from the file's `finicity`, `folio` and `schedules`.
  static func verification(_ file: ConfigurationFile) throws -> VerificationConfiguration {
    var result = VerificationConfiguration()
    let s = file.schedules
    let poll = PollSchedule()
    result.poll = PollSchedule(
      firstDelay: try seconds("schedules.details_first_poll_seconds", s?.detailsFirstPollSeconds)
        ?? poll.firstDelay,
      multiplier: try check(
        "schedules.details_poll_multiplier", s?.detailsPollMultiplier ?? poll.multiplier, 1...16),
      maxDelay: try seconds("schedules.details_max_poll_seconds", s?.detailsMaxPollSeconds)
        ?? poll.maxDelay)
    let retry = RetryPolicy()
    result.retry = RetryPolicy(
      baseDelay: try seconds("schedules.retry_base_seconds", s?.retryBaseSeconds)
        ?? retry.baseDelay,
      maxDelay: try seconds("schedules.retry_max_seconds", s?.retryMaxSeconds) ?? retry.maxDelay,
      window: try seconds("schedules.retry_window_seconds", s?.retryWindowSeconds) ?? retry.window)
    result.initiateSettleDelay =
      try seconds("schedules.initiate_settle_seconds", s?.initiateSettleSeconds)
      ?? result.initiateSettleDelay
    var finicity = try flow("finicity", file.finicity?.flow, base: .finicityDefault)
    if let attempts = file.finicity?.maxAttempts {
      finicity.maxAttempts = try check("finicity.max_attempts", attempts, 1...10)
    }
    finicity.pendingLimit =
      try seconds("finicity.pending_limit_seconds", file.finicity?.pendingLimitSeconds)
      ?? finicity.pendingLimit
    result.finicity = finicity
    var folio = try flow("folio", file.folio?.flow, base: .folioDefault)
    folio.startDelay =
      try seconds("folio.start_delay_seconds", file.folio?.startDelaySeconds) ?? folio.startDelay
    result.folio = folio
    return result
  }

  static func flow(_ key: String, _ flow: ConfigurationFile.Flow?, base: ProviderSettings) throws
    -> ProviderSettings
  {
    var settings = base
    settings.expiry = try seconds("\(key).flow.expiry_seconds", flow?.expirySeconds) ?? base.expiry
    if let offsets = flow?.reminderOffsetsSeconds {
      settings.prompts.reminderOffsets = try offsets.map {
        try seconds("\(key).flow.reminder_offsets_seconds", $0) ?? .zero
      }
    }
    settings.prompts.lastChanceLead =
      try seconds("\(key).flow.last_chance_lead_seconds", flow?.lastChanceLeadSeconds)
      ?? base.prompts.lastChanceLead
    return settings
  }
}
