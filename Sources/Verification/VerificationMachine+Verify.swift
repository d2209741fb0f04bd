/// The verify call and the reconciliation of a verify whose result is unknown.
///
/// An unknown result (timeout, connection fault, 5xx, 3200002, an unverified 200) is never
/// resent: the job stays `verifying` and, when due, reads the details (Finicity) or the bank link
/// (Folio). `Verified` / `verifyStatus true` → `verified`; Folio status `D` → `attempts_exhausted`;
/// a terminal Finicity status ends the job with it. Otherwise (`Completed`, `Pending`, an active
/// unverified link) the attempt may or may not have been spent: the submission becomes `error`
/// with a reason, the job goes back to `awaiting_amounts` with a retry prompt, and only the
/// customer's next submission spends an attempt. The daemon never spends one on its own.
extension VerificationMachine {
  /// The verify call returned.
  func verifyAnswered(_ step: inout DecisionStep, _ outcome: CallOutcome<VerifyAnswer>) {
    guard step.job.state == .verifying else { return ignore(&step, "a verify result") }
    step.recordCall(.verify, outcome, code: nil)
    switch outcome {
    case .success(let answer) where answer.verified:
      step.resetRetries()
      step.finish(.verified, code: nil, message: nil)
    case .success:
      step.resetRetries()
      reconcileVerify(&step, because: "the verify answer did not say verified")
    case .wrongAmounts(let reported):
      step.resetRetries()
      let remaining = reported ?? step.job.attemptsRemaining.map { max(0, $0 - 1) }
      step.job.attemptsRemaining = remaining
      if remaining == 0 {
        step.finish(.attemptsExhausted, code: nil, message: "the amounts did not match")
        return
      }
      if let id = step.job.data.inFlightSubmissionID {
        step.emit(
          .markSubmission(SubmissionMark(id: id, status: .mismatch, attemptsRemaining: remaining)))
      }
      backToAwaiting(&step)
    case .attemptsExhausted:
      step.job.attemptsRemaining = 0
      step.finish(.attemptsExhausted, code: nil, message: "no verification attempts are left")
    case .retryLater(let after, let reason):
      step.retry(
        .verify, after: after, reason: "verify result unknown: \(reason.description)",
        paced: reason.isProviderLimit)
    case .reconcile(let cause):
      step.record(.reconcile, endpoint: .verify, code: cause.code)
      reconcileVerify(&step, because: "the provider asked to re-read the entries")
    case .permanentFailure(let failure):
      step.fail(failure, endpoint: .verify)
    }
  }

  /// Reads the provider's state before any new attempt: details (Finicity) or the bank link
  /// (Folio).
  func reconcileVerify(_ step: inout DecisionStep, because reason: String) {
    switch step.job.party {
    case .finicity(let party):
      guard let account = step.job.providerAccountID else {
        step.internalFailure("a verifying Finicity job has no account id")
        return
      }
      step.record(.reconcile, endpoint: .details, message: reason)
      step.make(.details(customerID: party.customerID, accountID: account))
    case .folio(let link):
      step.record(.reconcile, endpoint: .bankLink, message: reason)
      step.make(.readBankLink(link))
    }
  }

  /// Folio's bank link, read to reconcile an uncertain verify.
  func bankLinkRead(_ step: inout DecisionStep, _ outcome: CallOutcome<BankLink>) {
    guard step.job.state == .verifying else { return ignore(&step, "a bank link") }
    var statusCode: String?
    if case .success(let link) = outcome { statusCode = link.status?.rawValue }
    step.recordCall(.bankLink, outcome, code: statusCode)
    switch outcome {
    case .success(let link):
      step.resetRetries()
      if link.verifyStatus == true {
        step.finish(.verified, code: nil, message: nil)
      } else if link.status == .deleted {
        step.job.attemptsRemaining = 0
        step.finish(
          .attemptsExhausted, code: BankLink.Status.deleted.rawValue, message: "bank link deleted")
      } else {
        verifyDidNotVerify(&step)
      }
    case .retryLater(let after, let reason):
      step.retry(
        .bankLink, after: after, reason: reason.description, paced: reason.isProviderLimit)
    case .reconcile, .wrongAmounts, .attemptsExhausted:
      step.retry(.bankLink, after: nil, reason: "unexpected answer to a bank link read")
    case .permanentFailure(let failure):
      step.fail(failure, endpoint: .bankLink)
    }
  }

  /// The reconciled verify did not verify: settle the submission as `error` (never resent) and go
  /// back to awaiting amounts.
  func verifyDidNotVerify(_ step: inout DecisionStep) {
    if let id = step.job.data.inFlightSubmissionID {
      step.emit(
        .markSubmission(
          SubmissionMark(
            id: id, status: .error,
            reason: "the verify result could not be established and it was not resent, "
              + "so no attempt is spent twice: submit the amounts again",
            attemptsRemaining: step.job.attemptsRemaining)))
    }
    backToAwaiting(&step)
  }
}
