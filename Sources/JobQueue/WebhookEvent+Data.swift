import Verification

extension WebhookEvent {
  /// The event's `data` as stored in `verifier.outbox` and sent in its deliveries: a JSON object
  /// with its keys in a fixed order and no nulls. Every value is a state, outcome or verdict name
  /// (ASCII letters and underscores) or an integer, so nothing needs escaping.
  var dataJSON: String {
    var fields = ["\"state\":\"\(state.rawValue)\""]
    if let outcome { fields.append("\"outcome\":\"\(outcome.rawValue)\"") }
    if let verdict { fields.append("\"verdict\":\"\(verdict.rawValue)\"") }
    if let attemptsRemaining { fields.append("\"attempts_remaining\":\(attemptsRemaining)") }
    if let policyRule { fields.append("\"policy_rule\":\"\(policyRule.rawValue)\"") }
    return "{" + fields.joined(separator: ",") + "}"
  }
}
