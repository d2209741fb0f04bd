import Verification

extension ConfigurationKey {
  /// The fraud policy's velocity rules (docs/fraud.md): per rule a limit, a window and an action.
  static let fraud: [ConfigurationKey] = FraudRule.allCases.flatMap(velocity) + returnRate

  /// The return-rate check's keys, with ``ReturnRateWatch``'s defaults.
  static let returnRate: [ConfigurationKey] = [
    .init(
      "fraud.return_rate.threshold", .rate(1), default: .of(ReturnRateWatch().threshold),
      live: false, "share of initiated micro-entries returned or rejected above which it alerts",
      .field(\.returnRate.threshold)),
    .init(
      "fraud.return_rate.window_seconds", .seconds(3600...(400 * 86_400)),
      default: .of(ReturnRateWatch().window), live: false,
      "the rolling window the return rate is counted over", .field(\.returnRate.window)),
    .init(
      "fraud.return_rate.minimum_initiations", .integer(1...100_000_000),
      default: .of(ReturnRateWatch().minimumInitiations), live: false,
      "fewer initiations in the window never alert", .field(\.returnRate.minimumInitiations)),
    .init(
      "fraud.return_rate.check_seconds", .seconds(1...86_400),
      default: .of(ReturnRateWatch().checkInterval), live: false,
      "how often the return rate is counted (with the metrics endpoint)",
      .field(\.returnRate.checkInterval)),
  ]

  /// The words `fraud.*.action` takes.
  static let fraudActions = FraudAction.allCases.map(\.rawValue)

  /// One rule's `limit`, `window_seconds` and `action`, with ``FraudPolicy``'s defaults.
  static func velocity(_ rule: FraudRule) -> [ConfigurationKey] {
    let base = FraudPolicy().limit(for: rule)
    let path: WritableKeyPath<RuntimeConfiguration, VelocityLimit> & Sendable =
      switch rule {
      case .customersPerAccount: \.verification.fraud.customersPerAccount
      case .accountsPerCustomer: \.verification.fraud.accountsPerCustomer
      case .failedVerificationsPerCustomer: \.verification.fraud.failedVerificationsPerCustomer
      }
    let counted =
      switch rule {
      case .customersPerAccount: "distinct customers one account fingerprint may be enqueued for"
      case .accountsPerCustomer: "distinct account fingerprints one customer may be enqueued with"
      case .failedVerificationsPerCustomer:
        "attempts_exhausted verifications a customer may have before new ones break the rule"
      }
    return [
      .init(
        "fraud.\(rule.rawValue).limit", .integer(1...999), default: .of(base.limit),
        live: true, counted, .field(path, \.limit)),
      .init(
        "fraud.\(rule.rawValue).window_seconds", .seconds(1...(400 * 86_400)),
        default: .of(base.window), live: true, "how far back \(rule.rawValue) counts",
        .field(path, \.window)),
      .init(
        "fraud.\(rule.rawValue).action", .choice(fraudActions), default: .of(base.action),
        live: true,
        "off, observe (event and metric), hold (state held) or refuse (refused_by_policy)",
        .field(path, \.action)),
    ]
  }
}

extension FraudAction: ConfigurationFieldValue {
  init?(configurationValue value: ConfigurationValue) {
    guard case .text(let word) = value, let action = FraudAction(rawValue: word) else { return nil }
    self = action
  }
  var configurationValue: ConfigurationValue? { .text(rawValue) }
}
