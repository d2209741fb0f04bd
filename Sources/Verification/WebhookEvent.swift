/// One event a decision announces to webhook endpoints (issue 14; docs/webhooks.md): its type and
/// what its delivery says beyond the envelope. It holds states, an outcome, a verdict and counts,
/// never an account number, an amount or a secret, by construction: nothing else fits in it.
public struct WebhookEvent: Sendable, Hashable {
  /// A submission's verdict, for ``WebhookEventType/submissionVerdict``.
  public enum Verdict: String, Sendable, Hashable {
    /// The provider confirmed the amounts.
    case accepted
    /// The amounts were wrong (attempts remaining says whether the customer may try again).
    case wrongAmounts = "wrong_amounts"
  }

  /// The event's type.
  public var type: WebhookEventType
  /// The job's state once the change the event announces was made.
  public var state: JobState
  /// The outcome, for ``WebhookEventType/finished``.
  public var outcome: Outcome?
  /// The attempts the customer has left, when the job knows.
  public var attemptsRemaining: Int?
  /// The verdict, for ``WebhookEventType/submissionVerdict``.
  public var verdict: Verdict?
  /// The fraud rule that held or refused the job, for ``WebhookEventType/held`` and a
  /// `refused_by_policy` finish.
  public var policyRule: FraudRule?

  /// Creates an event.
  public init(
    type: WebhookEventType, state: JobState, outcome: Outcome? = nil,
    attemptsRemaining: Int? = nil, verdict: Verdict? = nil, policyRule: FraudRule? = nil
  ) {
    self.type = type
    self.state = state
    self.outcome = outcome
    self.attemptsRemaining = attemptsRemaining
    self.verdict = verdict
    self.policyRule = policyRule
  }

  /// The events `decision` announces once committed at `now`, in the order they happened: for
  /// each of its state changes, those ``WebhookEventType/events(from:to:)`` names.
  public static func events(in decision: Decision, at now: Timestamp) -> [WebhookEvent] {
    let image = decision.image(at: now)
    var events: [WebhookEvent] = []
    for record in decision.records where record.kind == .stateChange {
      guard let to = record.toState else { continue }
      for type in WebhookEventType.events(from: record.fromState, to: to) {
        var event = WebhookEvent(type: type, state: to)
        switch type {
        case .awaitingAmounts: event.attemptsRemaining = image.attemptsRemaining
        case .submissionVerdict:
          event.verdict = to == .verified ? .accepted : .wrongAmounts
          event.attemptsRemaining = to == .attemptsExhausted ? 0 : image.attemptsRemaining
        case .finished:
          event.outcome = to.outcome
          if to == .refusedByPolicy { event.policyRule = decision.job.policyRule }
        case .held: event.policyRule = decision.job.policyRule
        case .initiated, .promptDue: break
        }
        events.append(event)
      }
    }
    return events
  }
}
