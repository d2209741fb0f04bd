/// What a broken velocity rule does to the job (configured per rule).
public enum FraudAction: String, Sendable, Hashable, Codable, CaseIterable {
  /// The rule is not evaluated.
  case off
  /// A `policy_hit` event and a metric; the job goes on.
  case observe
  /// The job waits in `held`, the rule named, until an operator releases or cancels it.
  case hold
  /// The job finishes `refused_by_policy`; nothing is sent.
  case refuse

  /// How severe the action is: of several broken rules, the most severe acts.
  var severity: Int {
    switch self {
    case .off: 0
    case .observe: 1
    case .hold: 2
    case .refuse: 3
    }
  }
}
