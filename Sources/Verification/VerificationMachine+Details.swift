/// Finicity details: polling until the entries settle, and reading them while awaiting amounts
/// so a late terminal status ends the job.
///
/// Status mapping (in any live state): `Verified` → `verified`, `Returned` → `returned`,
/// `Rejected` → `rejected`, `Expired` → `expired`, `Failed` → `provider_failed` (there is no
/// `failed` state; the provider code `Failed` tells it apart). `Completed` moves `pending` to
/// `awaiting_amounts`; `Pending` or a missing status keeps polling.
extension VerificationMachine {
  /// The outcome a details status ends the job with, or `nil` when the job goes on.
  public static func outcome(for status: MicroEntryStatus?) -> Outcome? {
    switch status {
    case .verified: .verified
    case .returned: .returned
    case .rejected: .rejected
    case .expired: .expired
    case .failed: .providerFailed
    case .pending, .completed, nil: nil
    }
  }

  /// Enters `awaiting_amounts`: sets the local expiry and the attempts, schedules the prompts.
  /// The caller writes the state.
  func enterAwaiting(_ step: inout DecisionStep) {
    step.transition(to: .awaitingAmounts)
    let expiresAt = step.now + step.settings.expiry
    step.job.data.awaitingSince = step.now
    step.job.data.expiresAt = expiresAt
    if step.job.attemptsRemaining == nil { step.job.attemptsRemaining = step.settings.maxAttempts }
    step.emit(
      .schedulePrompts(
        step.settings.prompts.onEntering(
          now: step.now, expiresAt: expiresAt, attemptsRemaining: step.job.attemptsRemaining)))
  }

  /// The details call returned (pending, awaiting amounts, or reconciling a verify).
  func detailsRead(_ step: inout DecisionStep, _ outcome: CallOutcome<MicroEntryDetails>) {
    let state = step.job.state
    guard state == .pending || state == .awaitingAmounts || state == .verifying else {
      return ignore(&step, "a details result")
    }
    var statusCode: String?
    if case .success(let details) = outcome { statusCode = details.status?.rawValue }
    step.recordCall(.details, outcome, code: statusCode)
    switch outcome {
    case .success(let details):
      step.resetRetries()
      if let terminal = Self.outcome(for: details.status) {
        step.finish(terminal, code: details.status?.rawValue, message: details.statusDescription)
        return
      }
      settledOrNot(&step, completed: details.status == .completed)
    case .retryLater(let after, let reason):
      step.retry(
        .details, after: after, reason: reason.description, paced: reason.isProviderLimit)
    case .reconcile, .wrongAmounts, .attemptsExhausted:
      step.retry(.details, after: nil, reason: "unexpected answer to a details read")
    case .permanentFailure(let failure):
      step.fail(failure, endpoint: .details)
    }
  }

  /// Details without a terminal status: settle a pending job, keep polling, or (verifying) learn
  /// that the uncertain verify did not verify.
  private func settledOrNot(_ step: inout DecisionStep, completed: Bool) {
    switch step.job.state {
    case .pending:
      let next = step.scheduleNextPoll()
      if completed {
        enterAwaiting(&step)
        step.write(.runAt(step.awaitingRunAt))
      } else if let deadline = step.pendingDeadline, step.now >= deadline {
        step.finish(
          .expired, code: nil, message: "the micro entries did not settle within the pending limit")
      } else if let deadline = step.pendingDeadline {
        step.write(.runAt(min(next, deadline)))
      } else {
        step.write(.runAt(next))
      }
    case .awaitingAmounts:
      _ = step.scheduleNextPoll()
      step.write(.runAt(step.awaitingRunAt))
    default:
      verifyDidNotVerify(&step)
    }
  }
}
