import Testing

@testable import Verification

/// Shared values for the tests: a configuration in seconds, jobs, submissions, contexts.
enum Fixture {
  static let start = Timestamp(secondsSinceEpoch: 1_700_000_000)
  static let routing = "021000021"
  static let last4 = "6789"
  static let customer = "cust-1"
  static let accountNumber = AccountNumber("123456789")
  static let folioLink = FolioBankLinkReference(
    accountNumber: AccountNumber("F-100"), bankLinkOID: "BL-1", ownerLoginID: "owner-1")

  static let prompts = PromptSchedule(
    reminderOffsets: [.seconds(100), .seconds(300)], lastChanceLead: .seconds(100))

  static let configuration = VerificationConfiguration(
    finicity: ProviderSettings(
      expiry: .seconds(1_000), prompts: prompts, maxAttempts: 3, pendingLimit: .seconds(5_000)),
    folio: ProviderSettings(expiry: .seconds(1_000), startDelay: .seconds(60), prompts: prompts),
    retry: RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(16), window: .seconds(120)),
    poll: PollSchedule(firstDelay: .seconds(10), multiplier: 2, maxDelay: .seconds(60)),
    initiateSettleDelay: .seconds(5))

  static let machine = VerificationMachine(configuration: configuration)

  /// The instant `seconds` after ``start``.
  static func at(_ seconds: Int64) -> Timestamp { start + .seconds(seconds) }

  static func context(_ seconds: Int64, attempt: String = "attempt-new", jitter: Double = 0.5)
    -> DecisionContext
  {
    DecisionContext(now: at(seconds), freshAttemptID: AttemptID(rawValue: attempt), jitter: jitter)
  }

  static func finicity(
    _ state: JobState = .queued, account: String? = nil, attempts: Int? = nil,
    data: JobData = JobData(), hasAccountNumber: Bool = true, cancelRequested: Bool = false
  ) -> JobSnapshot {
    JobSnapshot(
      party: .finicity(
        FinicityParty(
          customerID: customer, receiverName: "Ada Lovelace", routingNumber: routing,
          accountLast4: last4, accountNumber: hasAccountNumber ? accountNumber : nil)),
      state: state, createdAt: start,
      attemptID: state == .queued ? nil : AttemptID(rawValue: "attempt-1"),
      providerAccountID: account, attemptsRemaining: attempts, cancelRequested: cancelRequested,
      data: data)
  }

  static func folio(
    _ state: JobState = .queued, attempts: Int? = nil, data: JobData = JobData(),
    cancelRequested: Bool = false
  ) -> JobSnapshot {
    JobSnapshot(
      party: .folio(folioLink), state: state, createdAt: start, attemptsRemaining: attempts,
      cancelRequested: cancelRequested, data: data)
  }

  /// The details read of a Finicity account of the fixture's customer.
  static func details(_ account: String) -> ProviderCall {
    .details(customerID: customer, accountID: account)
  }

  /// The account search of the fixture's Finicity job.
  static let findAccount = ProviderCall.findAccount(
    AccountSearch(customerID: customer, accountLast4: last4))

  /// The initiation of the fixture's Finicity job with `attempt`.
  static func initiate(_ attempt: AttemptID) -> ProviderCall {
    .initiate(
      InitiationRequest(
        customerID: customer, routingNumber: routing, accountNumber: accountNumber,
        accountType: .personalChecking, receiverName: "Ada Lovelace", attemptID: attempt))
  }

  /// The bank link read of the fixture's Folio job.
  static let readBankLink = ProviderCall.readBankLink(folioLink)

  /// A Finicity verify of `account` with `amounts`.
  static func verifyFinicity(_ id: Int64, _ amounts: AmountPair, account: String = "acct-1")
    -> ProviderCall
  {
    .verify(
      submissionID: id, .finicity(customerID: customer, accountID: account, amounts: amounts))
  }

  /// A Folio verify with `amounts`.
  static func verifyFolio(_ id: Int64, _ amounts: AmountPair) -> ProviderCall {
    .verify(submissionID: id, .folio(folioLink, amounts: amounts))
  }

  /// A Finicity job awaiting amounts since `since`, expiring 1000 s later, next poll at
  /// `since + 10`.
  static func finicityAwaiting(since: Int64 = 100, attempts: Int? = 3) -> JobSnapshot {
    finicity(
      .awaitingAmounts, account: "acct-1", attempts: attempts,
      data: JobData(
        pollCount: 2, nextPollAt: at(since + 10), awaitingSince: at(since),
        expiresAt: at(since + 1_000)))
  }

  static func folioAwaiting(since: Int64 = 60, attempts: Int? = nil) -> JobSnapshot {
    folio(
      .awaitingAmounts, attempts: attempts,
      data: JobData(awaitingSince: at(since), expiresAt: at(since + 1_000)))
  }

  static func submission(
    _ id: Int64, _ first: String = "0.12", _ second: String = "0.34", at seconds: Int64 = 150,
    status: SubmissionStatus = .pending
  ) -> Submission {
    Submission(id: id, status: status, amountTexts: first, second, createdAt: at(seconds))
  }

  static func decide(
    _ job: JobSnapshot, _ event: VerificationEvent, at seconds: Int64, jitter: Double = 0.5
  )
    -> Decision
  {
    machine.decide(job, on: event, context: context(seconds, jitter: jitter))
  }
}

extension Decision {
  var calls: [ProviderCall] { call.map { [$0] } ?? [] }
  var lastWrite: StateWrite? { stateWrites.last }
  /// Nothing written and nothing called.
  var isEmpty: Bool { writes.isEmpty && call == nil }

  var marks: [SubmissionMark] {
    writes.compactMap {
      if case .markSubmission(let mark) = $0 { return mark } else { return nil }
    }
  }

  var events: [EventRecord] { records }

  var prompts: [PromptPlan] {
    writes.flatMap { if case .schedulePrompts(let plans) = $0 { return plans } else { return [] } }
  }

  var cancelsPrompts: Bool { writes.contains(.cancelScheduledPrompts) }

  var notified: Outcome? { finishedWith }

  var transitions: [(JobState?, JobState?)] {
    events.filter { $0.kind == .stateChange }.map { ($0.fromState, $0.toState) }
  }

  /// Checks that the decision ended the job with `outcome`: terminal write, prompts cancelled,
  /// account number cleared (when it was there) and a notification.
  func expectFinished(_ outcome: Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(job.state == outcome.state, sourceLocation: sourceLocation)
    #expect(job.outcome == outcome, sourceLocation: sourceLocation)
    #expect(lastWrite?.schedule == .finished, sourceLocation: sourceLocation)
    #expect(lastWrite?.outcome == outcome, sourceLocation: sourceLocation)
    #expect(cancelsPrompts, sourceLocation: sourceLocation)
    #expect(notified == outcome, sourceLocation: sourceLocation)
    #expect(calls.isEmpty, sourceLocation: sourceLocation)
    #expect(!job.hasAccountNumber, sourceLocation: sourceLocation)
  }
}
