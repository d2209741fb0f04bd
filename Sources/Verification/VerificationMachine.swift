/// The verification flow of both providers as a pure value: a job snapshot and an event in, the
/// job as it will be and the actions to carry out, in order, out. No I/O, no clock, no
/// randomness of its own.
///
/// The daemon drives it in a loop per claimed job: `decide(job, on: .due(...))`; commit every
/// action before the provider call (one transaction); make the call; feed its result back as
/// the next event with the returned ``Decision/job``; repeat until a decision has no call.
///
/// Outcomes: a permanent `invalidRequest` ends `invalid_request`; `providerRefused` ends
/// `provider_failed` with the provider's code (`rejected` is kept for Finicity's `Rejected`
/// status); `authentication` ends `provider_failed` with an `alert` event; a closed retry window
/// ends `provider_failed`. Finicity statuses map as ``outcome(for:)`` says; the local expiry and
/// the pending limit end `expired`; a cancel request (``JobSnapshot/cancelRequested``) ends
/// `canceled` when the job is next due. Every finish cancels the scheduled prompts, clears the
/// account number, settles the in-flight submission and notifies.
public struct VerificationMachine: Sendable, Hashable {
  /// The schedules, windows and limits the flow uses.
  public var configuration: VerificationConfiguration

  /// Creates a machine with `configuration`.
  public init(configuration: VerificationConfiguration = VerificationConfiguration()) {
    self.configuration = configuration
  }

  /// Decides what to do about `event` for `job` at `context.now`.
  public func decide(_ job: JobSnapshot, on event: VerificationEvent, context: DecisionContext)
    -> Decision
  {
    var step = DecisionStep(job: job, context: context, configuration: configuration)
    if job.state.isTerminal {
      // A finished job only refuses late submissions; results and cancels change nothing.
      if case .due(let submissions) = event { step.refuseAll(submissions, .notAwaitingAmounts) }
      return step.decision
    }
    switch event {
    case .due(let submissions) where job.cancelRequested: cancel(&step, submissions: submissions)
    case .due(let submissions): due(&step, submissions: submissions)
    case .initiated(let outcome): initiated(&step, outcome.resultUnknownAsRetry)
    case .accountsListed(let outcome): accountsListed(&step, outcome.resultUnknownAsRetry)
    case .detailsRead(let outcome): detailsRead(&step, outcome.resultUnknownAsRetry)
    case .verifyAnswered(let outcome): verifyAnswered(&step, outcome.resultUnknownAsRetry)
    case .bankLinkRead(let outcome): bankLinkRead(&step, outcome.resultUnknownAsRetry)
    }
    return step.decision
  }

  /// A cancel was requested: refuse what was submitted and end `canceled`. The one place a job is
  /// cancelled (`verifier.cancel()` only records the request and makes the job due).
  func cancel(_ step: inout DecisionStep, submissions: [Submission]) {
    step.refuseAll(submissions, .canceled)
    let unknown = step.job.state == .initiating || step.job.state == .verifying
    step.finish(
      .canceled, code: nil,
      message: unknown
        ? "canceled while a provider call's result was unknown" : "canceled on request")
  }

  /// What to do with a claimed job, by state.
  func due(_ step: inout DecisionStep, submissions: [Submission]) {
    switch step.job.state {
    case .queued:
      queuedDue(&step, submissions: submissions)
    case .initiating:
      step.refuseAll(submissions, .notAwaitingAmounts)
      initiatingDue(&step)
    case .pending:
      step.refuseAll(submissions, .notAwaitingAmounts)
      pendingDue(&step)
    case .awaitingAmounts:
      awaitingDue(&step, submissions: submissions)
    case .held:
      heldDue(&step, submissions: submissions)
    case .verifying:
      step.refuseAll(submissions, .anotherInFlight)
      // Another daemon's verify may still be on its way: read the result only once it has landed.
      if let started = step.job.data.verifyStartedAt,
        step.now < started + step.configuration.initiateSettleDelay
      {
        step.write(.runAt(started + step.configuration.initiateSettleDelay))
        return
      }
      reconcileVerify(&step, because: "the verify result is unknown (found verifying when claimed)")
    case .verified, .attemptsExhausted, .expired, .returned, .rejected, .providerFailed,
      .invalidRequest, .canceled, .refusedByPolicy:
      step.refuseAll(submissions, .notAwaitingAmounts)
    }
  }

  /// Finicity starts initiating at once; Folio starts awaiting amounts once its delay passed.
  func queuedDue(_ step: inout DecisionStep, submissions: [Submission]) {
    switch step.job.provider {
    case .finicity:
      step.refuseAll(submissions, .notAwaitingAmounts)
      guard screen(&step) else { return }
      startInitiation(&step)
    case .folio:
      let start = step.job.createdAt + step.settings.startDelay
      guard step.now >= start else {
        step.refuseAll(submissions, .notAwaitingAmounts)
        step.write(.runAt(start))
        return
      }
      enterAwaiting(&step)
      awaitingDue(&step, submissions: submissions)
    }
  }

  /// A job found `pending`: read the details (past the pending limit too: the job expires only
  /// when a read made after the limit still shows the entries unsettled).
  func pendingDue(_ step: inout DecisionStep) {
    guard let party = step.job.party.finicity, let account = step.job.providerAccountID else {
      step.internalFailure("a pending job has no Finicity account id")
      return
    }
    step.make(.details(customerID: party.customerID, accountID: account))
  }

  /// A result the job's state does not expect (a daemon bug): record it and re-evaluate the job
  /// at once.
  func ignore(_ step: inout DecisionStep, _ what: String) {
    step.record(.ignored, message: "\(what) is not expected in state \(step.job.state.rawValue)")
    step.write(.runAt(step.now))
  }
}
