/// The moments an application hears of by webhook (issue 14; docs/webhooks.md), named as their
/// deliveries' `type`. The one rule for which state changes announce which events lives here,
/// pure, so the write-back that stores them in the outbox and the tests agree.
public enum WebhookEventType: String, Sendable, Hashable, CaseIterable, Codable {
  /// Finicity took the initiation: the two deposits are on their way.
  case initiated = "verification.initiated"
  /// The deposits settled (Folio: the link is ready): the customer may be asked for the amounts.
  case awaitingAmounts = "verification.awaiting_amounts"
  /// A prompt (the first, or a reminder) became due.
  case promptDue = "verification.prompt_due"
  /// A submission was judged: accepted, or wrong with the attempts remaining (none left ends the
  /// job, announced next as ``finished``).
  case submissionVerdict = "verification.submission_verdict"
  /// The job finished, with its outcome.
  case finished = "verification.finished"
  /// A fraud rule held the job before anything was sent; `policy_rule` names it.
  case held = "verification.held"

  /// The events one state change announces, in the order they happened. A change that stays in
  /// its state, or leaves a finished one, announces nothing; a submission the provider never
  /// judged (verifying to provider_failed) announces only the end.
  public static func events(from: JobState?, to: JobState) -> [WebhookEventType] {
    guard from != to, from?.isTerminal != true else { return [] }
    var events: [WebhookEventType] = []
    if from == .initiating, to == .pending || to == .awaitingAmounts {
      events.append(.initiated)
    }
    if to == .awaitingAmounts, from != .verifying, from != .awaitingAmounts {
      events.append(.awaitingAmounts)
    }
    if from == .verifying, [.awaitingAmounts, .verified, .attemptsExhausted].contains(to) {
      events.append(.submissionVerdict)
    }
    if to == .held { events.append(.held) }
    if to.isTerminal { events.append(.finished) }
    return events
  }
}
