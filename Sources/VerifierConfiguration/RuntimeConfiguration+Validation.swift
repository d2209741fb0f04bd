extension RuntimeConfiguration {
  /// Checks every key's value against its range in ``ConfigurationKey/all`` (a configuration
  /// built in code has not been through ``ConfigurationLoader``), and the rule that keeps money
  /// moves single: the settle delay outlasts the money-call budget.
  public func validate() throws {
    var problems: [String] = []
    for key in ConfigurationKey.all where !key.isSecret {
      if let value = key.value(in: self), let problem = key.kind.problem(with: value) {
        problems.append("\(key.name): \(problem)")
      }
    }
    if verification.initiateSettleDelay <= moneyCallBudget {
      problems.append(
        "schedules.initiate_settle_seconds (\(verification.initiateSettleDelay)) must be longer than "
          + "http.money_call_budget_seconds (\(moneyCallBudget)): a daemon must never reconcile a job "
          + "while another daemon's initiate or verify could still land")
    }
    guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
  }
}
