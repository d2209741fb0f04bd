/// Amount submissions while awaiting amounts: refuse without spending an attempt what must not
/// be sent, send one valid submission once, expire when the local expiry passed.
extension VerificationMachine {
  /// A job found `awaiting_amounts`.
  ///
  /// Pending submissions are taken oldest first: the first valid one is sent; the others are
  /// refused (another in flight, made after the expiry, no attempts left, malformed). Without one
  /// to send, an expired job ends `expired`; otherwise Finicity reads details when its poll is due
  /// and Folio waits for a submission or its expiry.
  func awaitingDue(_ step: inout DecisionStep, submissions: [Submission]) {
    let expiresAt: Timestamp
    if let known = step.job.data.expiresAt {
      expiresAt = known
    } else {
      expiresAt = step.now + step.settings.expiry
      step.job.data.expiresAt = expiresAt
    }
    let inFlight = submissions.contains { $0.status == .submitting }
    var chosen: (submission: Submission, amounts: AmountPair)?
    for submission in submissions.sorted(by: { $0.id < $1.id }) where submission.status == .pending
    {
      if chosen != nil || inFlight {
        step.refuse(submission, .anotherInFlight)
      } else if submission.createdAt >= expiresAt {
        step.refuse(submission, .expired)
      } else if let remaining = step.job.attemptsRemaining, remaining <= 0 {
        step.refuse(submission, .noAttemptsLeft)
      } else if let amounts = submission.amounts {
        chosen = (submission, amounts)
      } else {
        step.refuse(submission, .malformedAmounts)
      }
    }
    if let chosen {
      submit(&step, chosen.submission, chosen.amounts)
    } else if step.now >= expiresAt {
      step.finish(.expired, code: nil, message: "no amounts were verified before the local expiry")
    } else if let party = step.job.party.finicity, let account = step.job.providerAccountID,
      step.now >= step.job.data.nextPollAt ?? step.now
    {
      step.make(.details(customerID: party.customerID, accountID: account))
    } else {
      step.write(.runAt(step.awaitingRunAt))
    }
  }

  /// Commits `verifying` and the submission as `submitting`, cancels the scheduled prompts, then
  /// calls verify: the submission is sent once.
  func submit(_ step: inout DecisionStep, _ submission: Submission, _ amounts: AmountPair) {
    step.job.data.inFlightSubmissionID = submission.id
    step.job.data.verifyStartedAt = step.now
    step.emit(
      .markSubmission(
        SubmissionMark(
          id: submission.id, status: .submitting, attemptsRemaining: step.job.attemptsRemaining)))
    step.emit(.cancelScheduledPrompts)
    let request: VerifyRequest
    switch step.job.party {
    case .finicity(let party):
      guard let account = step.job.providerAccountID else {
        step.internalFailure("an awaiting Finicity job has no account id")
        return
      }
      request = .finicity(customerID: party.customerID, accountID: account, amounts: amounts)
    case .folio(let link):
      request = .folio(link, amounts: amounts)
    }
    step.transition(to: .verifying)
    step.write(.keepLease)
    step.make(.verify(submissionID: submission.id, request))
  }

  /// Back to `awaiting_amounts` after a wrong guess or an unverified uncertain verify: a retry
  /// prompt with the attempts left, or `expired` when the local expiry passed meanwhile.
  func backToAwaiting(_ step: inout DecisionStep) {
    step.job.data.inFlightSubmissionID = nil
    step.transition(to: .awaitingAmounts)
    let expiresAt = step.job.data.expiresAt ?? step.now + step.settings.expiry
    step.job.data.expiresAt = expiresAt
    guard step.now < expiresAt else {
      step.finish(.expired, code: nil, message: "no amounts were verified before the local expiry")
      return
    }
    step.emit(
      .schedulePrompts(
        step.settings.prompts.afterRetry(
          now: step.now, expiresAt: expiresAt, attemptsRemaining: step.job.attemptsRemaining)))
    step.write(.runAt(step.awaitingRunAt))
  }
}
