extension RuntimeConfiguration {
  /// Checks every key's value against its range in ``ConfigurationKey/all`` (a configuration
  /// built in code has not been through ``ConfigurationLoader``), and the rule that keeps money
  /// moves single: the settle delay outlasts the money-call budget; and a webhook delivery's lease outlasts two
  /// of its POSTs.
  public func validate() throws {
    var problems: [String] = []
    for key in ConfigurationKey.all where !key.isSecret {
      if let value = key.value(in: self), let problem = key.kind.problem(with: value) {
        problems.append("\(key.name): \(problem)")
      }
    }
    if let problem = verification.moneyCallProblem { problems.append(problem) }
    if let problem = webhooks.problem { problems.append(problem) }
    guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
  }
}
