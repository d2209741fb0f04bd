/// The decision being built: the job as it evolves and the actions so far, with the rules every
/// transition shares (writing, finishing, retrying, failing, refusing).
struct DecisionStep {
  let configuration: VerificationConfiguration
  let context: DecisionContext
  var job: JobSnapshot
  var writes: [DecisionWrite] = []
  var call: ProviderCall?
  var callDeadline: Timestamp?

  init(job: JobSnapshot, context: DecisionContext, configuration: VerificationConfiguration) {
    self.job = job
    self.context = context
    self.configuration = configuration
  }

  var now: Timestamp { context.now }
  var settings: ProviderSettings { configuration.settings(for: job.provider) }
  var decision: Decision {
    Decision(job: job, writes: writes, call: call, callDeadline: callDeadline)
  }

  mutating func emit(_ write: DecisionWrite) {
    writes.append(write)
  }

  /// Ends the decision with `call`, made once the writes are committed. A money-moving call gets
  /// its deadline: the commit of its intent (this decision's) plus the money-call budget.
  mutating func make(_ call: ProviderCall) {
    assert(self.call == nil, "a decision makes at most one provider call")
    self.call = call
    callDeadline = call.movesMoney ? now + configuration.moneyCallBudget : nil
  }

  /// The Finicity columns, or an internal failure (a Finicity state on a Folio job).
  mutating func finicityParty(_ what: String) -> FinicityParty? {
    if let party = job.party.finicity { return party }
    internalFailure("a Folio job cannot \(what)")
    return nil
  }

  /// Appends an event for the job's provider.
  mutating func record(
    _ kind: EventKind, endpoint: Endpoint? = nil, code: String? = nil, message: String? = nil
  ) {
    emit(
      .record(
        EventRecord(
          kind: kind, fromState: nil, toState: nil, provider: job.provider, endpoint: endpoint,
          providerCode: code, message: message)))
  }

  /// Moves the job to `state`, recording the change (also a same-state change with a message).
  mutating func transition(to state: JobState, message: String? = nil) {
    guard state != job.state || message != nil else { return }
    emit(
      .record(
        EventRecord(
          kind: .stateChange, fromState: job.state, toState: state, provider: job.provider,
          message: message)))
    job.state = state
  }

  /// Writes the job's columns as they are now.
  mutating func write(_ schedule: Schedule, clearAccountNumber: Bool = false) {
    emit(
      .state(StateWrite(job: job, schedule: schedule, clearAccountNumber: clearAccountNumber)))
    if clearAccountNumber { job.forgetAccountNumber() }
  }

  /// Ends the job: settles the in-flight submission, cancels what is left of the prompts, clears
  /// the account number, writes the terminal state and notifies.
  mutating func finish(_ outcome: Outcome, code: String?, message: String?) {
    if let id = job.data.inFlightSubmissionID {
      let status: SubmissionStatus =
        switch outcome {
        case .verified: .verified
        case .attemptsExhausted: .attemptsExhausted
        default: .error
        }
      let reason = status == .error ? "the job ended \(outcome.rawValue)" : nil
      emit(
        .markSubmission(
          SubmissionMark(
            id: id, status: status, reason: reason, attemptsRemaining: job.attemptsRemaining)))
    }
    job.data.inFlightSubmissionID = nil
    job.data.nextPollAt = nil
    job.outcome = outcome
    job.providerCode = code
    job.providerMessage = message
    transition(to: outcome.state)
    emit(.cancelScheduledPrompts)
    write(.finished, clearAccountNumber: job.hasAccountNumber)
    emit(.notifyFinished(outcome))
  }

  /// Ends the job as `provider_failed` because of an impossible input, with an alert.
  mutating func internalFailure(_ message: String) {
    record(.alert, message: message)
    finish(.providerFailed, code: nil, message: "internal: \(message)")
  }

  /// A successful call ends the current retry streak.
  mutating func resetRetries() {
    job.retryStartedAt = nil
    job.data.retryCount = 0
  }

  /// Retries later per the retry policy, or ends the job `provider_failed` once the window is
  /// over. The state does not change. `paced`: the provider refused the call for its limit, so
  /// the retry comes at the shared limiter's pace and does not grow the backoff.
  mutating func retry(_ endpoint: Endpoint, after: Duration?, reason: String, paced: Bool = false) {
    let policy = configuration.retry
    let decision =
      paced
      ? policy.paced(
        now: now, streakStartedAt: job.retryStartedAt, retryAfter: after, unit: context.jitter)
      : policy.decide(
        now: now, streakStartedAt: job.retryStartedAt, retry: job.data.retryCount,
        retryAfter: after, unit: context.jitter)
    switch decision {
    case .retry(let at):
      record(.retry, endpoint: endpoint, message: reason)
      if job.retryStartedAt == nil { job.retryStartedAt = now }
      if !paced { job.data.retryCount += 1 }
      write(.runAt(at))
    case .giveUp:
      if job.state == .initiating || job.state == .verifying {
        // The last money-moving call's result is still unknown: say so loudly, so an operator
        // checks the provider before anyone enqueues the same account again.
        record(
          .alert, endpoint: endpoint,
          message: job.state == .initiating
            ? "giving up with the initiation result unknown: deposits may have been sent"
            : "giving up with the verify result unknown: an attempt may have been spent")
      }
      finish(.providerFailed, code: nil, message: "retry window exhausted: \(reason)")
    }
  }

  /// Ends the job for a permanent failure: `invalid_request` for a wrong request,
  /// `provider_failed` for a refusal, and `provider_failed` with an alert for authentication.
  mutating func fail(_ failure: CallFailure, endpoint: Endpoint) {
    switch failure.kind {
    case .invalidRequest:
      finish(.invalidRequest, code: failure.code, message: failure.message)
    case .providerRefused:
      finish(.providerFailed, code: failure.code, message: failure.message)
    case .authentication:
      record(
        .alert, endpoint: endpoint, code: failure.code,
        message: "authentication failed: check the provider credentials")
      finish(.providerFailed, code: failure.code, message: failure.message)
    }
  }

  /// Refuses a submission without spending an attempt.
  mutating func refuse(_ submission: Submission, _ reason: RefusalReason) {
    emit(
      .markSubmission(
        SubmissionMark(
          id: submission.id, status: .refused, reason: reason.rawValue,
          attemptsRemaining: job.attemptsRemaining)))
    record(.submissionRefused, message: "submission \(submission.id): \(reason.rawValue)")
  }

  /// Refuses every `pending` submission for `reason`.
  mutating func refuseAll(_ submissions: [Submission], _ reason: RefusalReason) {
    for submission in submissions.sorted(by: { $0.id < $1.id }) where submission.status == .pending
    {
      refuse(submission, reason)
    }
  }

  /// Records the returned call, with the provider's code when there is one.
  mutating func recordCall<Body>(_ endpoint: Endpoint, _ outcome: CallOutcome<Body>, code: String?)
  {
    let (summary, failureCode): (String, String?) =
      switch outcome {
      case .success: (CallSummary.success, nil)
      case .retryLater(_, let reason): (CallSummary.retryLater + reason.description, nil)
      case .reconcile(let cause): ("reconcile", cause.code)
      case .wrongAmounts(let remaining):
        ("wrong amounts, attempts remaining \(remaining.map(String.init) ?? "unknown")", nil)
      case .attemptsExhausted: ("attempts exhausted", nil)
      case .permanentFailure(let failure):
        (CallSummary.permanentFailure + failure.kind.rawValue, failure.code)
      }
    record(.providerCall, endpoint: endpoint, code: code ?? failureCode, message: summary)
  }

  /// Plans the next details read and returns its time.
  mutating func scheduleNextPoll() -> Timestamp {
    let next = now + configuration.poll.delay(afterPolls: job.data.pollCount)
    job.data.pollCount += 1
    job.data.nextPollAt = next
    return next
  }

  /// When a `pending` job whose entries have not settled expires: the pending limit after the
  /// initiation attempt that sent them (time the job waited in the queue before it does not
  /// count), or after the job's creation when the attempt's time is unknown; `nil` without a limit.
  var pendingDeadline: Timestamp? {
    guard let limit = settings.pendingLimit else { return nil }
    return (job.data.attemptStartedAt ?? job.createdAt) + limit
  }

  /// When an `awaiting_amounts` job runs next: its next details read (Finicity) or its expiry.
  var awaitingRunAt: Timestamp {
    let expiresAt = job.data.expiresAt ?? now
    guard job.provider == .finicity, let next = job.data.nextPollAt else { return expiresAt }
    return min(next, expiresAt)
  }
}
