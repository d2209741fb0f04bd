import Verification

extension ConfigurationKey {
  static let schedules: [ConfigurationKey] = [
    .init(
      "schedules.details_first_poll_seconds", .seconds(anyTime),
      default: .of(PollSchedule().firstDelay), live: true,
      "first Finicity details read after initiating", .field(\.verification.poll.firstDelay)),
    .init(
      "schedules.details_poll_multiplier", .integer(1...16),
      default: .of(PollSchedule().multiplier), live: true, "delay factor after each details read",
      .field(\.verification.poll.multiplier)),
    .init(
      "schedules.details_max_poll_seconds", .seconds(anyTime),
      default: .of(PollSchedule().maxDelay), live: true, "longest delay between details reads",
      .field(\.verification.poll.maxDelay)),
    .init(
      "schedules.retry_base_seconds", .seconds(anyTime), default: .of(RetryPolicy().baseDelay),
      live: true, "first retry's jitter ceiling", .field(\.verification.retry.baseDelay)),
    .init(
      "schedules.retry_max_seconds", .seconds(anyTime), default: .of(RetryPolicy().maxDelay),
      live: true, "largest retry jitter ceiling", .field(\.verification.retry.maxDelay)),
    .init(
      "schedules.retry_window_seconds", .seconds(anyTime), default: .of(RetryPolicy().window),
      live: true, "a streak of retries longer than this ends provider_failed",
      .field(\.verification.retry.window)),
    .init(
      "schedules.initiate_settle_seconds", .seconds(anyTime),
      default: .derived("money-call budget + 20") { configuration, _ in
        (configuration.moneyCallBudget + .seconds(20)).configurationValue
      }, live: false,
      "least time between a money call's intent and reconciling it; above the budget",
      .field(\.verification.initiateSettleDelay)),
  ]
}
