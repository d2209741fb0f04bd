/// Finicity initiation, exactly once: `initiating` with a new attempt id is committed before the
/// call; an unknown result is reconciled by listing the customer's AVA accounts; a new attempt
/// is made only when the list shows nothing was created and the provider never said otherwise.
extension VerificationMachine {
  /// Commits `initiating` with a fresh attempt id, then calls initiate.
  func startInitiation(_ step: inout DecisionStep) {
    guard let party = step.job.party.finicity else {
      step.internalFailure("only Finicity jobs are initiated")
      return
    }
    guard let accountNumber = party.accountNumber else {
      step.internalFailure("the account number is cleared, so the job cannot be initiated")
      return
    }
    let attempt = step.context.freshAttemptID
    let isRetry = step.job.state == .initiating
    step.job.attemptID = attempt
    step.job.data.attemptStartedAt = step.now
    step.job.data.initiations += 1
    let released = step.job.state == .held ? "released by an operator" : nil
    step.transition(to: .initiating, message: isRetry ? "new initiation attempt" : released)
    step.write(.keepLease)
    step.make(
      .initiate(
        InitiationRequest(
          customerID: party.customerID, routingNumber: party.routingNumber,
          accountNumber: accountNumber, accountType: party.accountType,
          receiverName: party.receiverName, attemptID: attempt)))
  }

  /// A job found `initiating` (crash, timeout, 3100001): reconcile before anything else, once
  /// the settle delay after the attempt passed.
  func initiatingDue(_ step: inout DecisionStep) {
    guard let party = step.job.party.finicity else {
      step.internalFailure("a Folio job cannot be initiating")
      return
    }
    if let started = step.job.data.attemptStartedAt,
      step.now < started + step.configuration.initiateSettleDelay
    {
      step.write(.runAt(started + step.configuration.initiateSettleDelay))
      return
    }
    step.record(
      .reconcile, endpoint: .listAccounts,
      message: "the initiation result is unknown: listing accounts before any new initiation")
    step.make(.findAccount(AccountSearch(party)))
  }

  /// The initiate call returned.
  func initiated(_ step: inout DecisionStep, _ outcome: CallOutcome<InitiatedAccount>) {
    guard step.job.state == .initiating else { return ignore(&step, "an initiate result") }
    step.recordCall(.initiate, outcome, code: nil)
    let settle = step.configuration.initiateSettleDelay
    switch outcome {
    case .success(let account):
      step.resetRetries()
      step.job.providerAccountID = account.accountID
      step.transition(to: .pending)
      let next = step.scheduleNextPoll()
      step.write(.runAt(next), clearAccountNumber: true)
    case .retryLater(let after, let reason):
      // The call may have reached Finicity: reconcile when due, never call again blindly.
      step.retry(
        .initiate, after: max(after ?? .zero, settle),
        reason: "initiation result unknown: \(reason.description)")
    case .reconcile(let cause):
      step.job.data.accountMayExist = true
      step.record(
        .reconcile, endpoint: .listAccounts, code: cause.code,
        message: "the provider reports the account exists: finding it, never initiating again")
      step.write(.keepLease)
      if let party = step.finicityParty("be initiated") {
        step.make(.findAccount(AccountSearch(party)))
      }
    case .wrongAmounts, .attemptsExhausted:
      step.retry(.initiate, after: settle, reason: "unexpected initiate answer: result unknown")
    case .permanentFailure(let failure):
      step.fail(failure, endpoint: .initiate)
    }
  }

  /// The AVA account list returned: adopt the account matching routing number and last four
  /// digits (the last listed when several match), otherwise initiate again only if nothing was
  /// created.
  func accountsListed(_ step: inout DecisionStep, _ outcome: CallOutcome<[AVAAccount]>) {
    guard step.job.state == .initiating else { return ignore(&step, "an account list") }
    step.recordCall(.listAccounts, outcome, code: nil)
    switch outcome {
    case .success(let accounts):
      guard let party = step.finicityParty("be reconciled") else { return }
      let match = accounts.last { account in
        account.routingNumber == party.routingNumber
          && account.accountNumberLast4 == party.accountLast4
      }
      if let match {
        step.resetRetries()
        step.job.providerAccountID = match.accountID
        step.record(
          .reconcile, endpoint: .listAccounts, message: "adopted the account the initiation made")
        step.transition(to: .pending)
        step.write(.keepLease, clearAccountNumber: true)
        step.make(.details(customerID: party.customerID, accountID: match.accountID))
      } else if step.job.data.accountMayExist {
        step.retry(
          .listAccounts, after: nil,
          reason: "the provider reports the account exists but does not list it yet")
      } else {
        step.record(
          .reconcile, endpoint: .listAccounts,
          message: "nothing was created: initiating again with a new attempt id")
        startInitiation(&step)
      }
    case .retryLater(let after, let reason):
      step.retry(
        .listAccounts, after: after, reason: reason.description,
        paced: reason.isProviderLimit)
    case .reconcile, .wrongAmounts, .attemptsExhausted:
      step.retry(.listAccounts, after: nil, reason: "unexpected answer to the account list")
    case .permanentFailure(let failure):
      step.fail(failure, endpoint: .listAccounts)
    }
  }
}
