@testable import Verification

/// A consistent fake of both providers with random faults, for the property tests. It counts
/// what really happened on the provider's side (accounts created, attempts spent).
struct SimulatedProvider {
  var random: SeededGenerator
  let correct = AmountPair(cents: 1, 2)!
  let maxAttempts = 3
  var accounts: [AVAAccount] = []
  var attemptsSpent = 0
  var verified = false
  var lateStatus: MicroEntryStatus?
  var detailsReads = 0

  init(seed: UInt64) {
    random = SeededGenerator(state: seed)
  }

  mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

  /// What the provider answers; `nil` when the daemon crashes before it sees the answer.
  mutating func answer(_ call: ProviderCall) -> VerificationEvent? {
    let crash = chance(5)
    let event: VerificationEvent
    switch call {
    case .initiate: event = .initiated(initiate())
    case .findAccount: event = .accountsListed(listAccounts())
    case .details: event = .detailsRead(details())
    case .verify(_, let request): event = .verifyAnswered(verify(request.amounts))
    case .readBankLink: event = .bankLinkRead(bankLink())
    }
    return crash ? nil : event
  }

  private mutating func create() {
    accounts.append(
      AVAAccount(
        accountID: "acct-\(accounts.count)", routingNumber: Fixture.routing,
        accountNumberLast4: Fixture.last4))
  }

  private mutating func initiate() -> CallOutcome<InitiatedAccount> {
    if !accounts.isEmpty { return .reconcile(.accountAlreadyExists(code: "3100001")) }
    switch Int.random(in: 0..<100, using: &random) {
    case 0..<15: return .retryLater(after: nil, reason: .rateLimited)
    case 15..<30:
      create()
      return .retryLater(after: nil, reason: .timeout)
    case 30..<33: return .permanentFailure(CallFailure(kind: .invalidRequest, code: "3000001"))
    default:
      create()
      return .success(InitiatedAccount(accountID: accounts[0].accountID))
    }
  }

  private mutating func listAccounts() -> CallOutcome<[AVAAccount]> {
    if chance(15) { return .retryLater(after: .seconds(1), reason: .serverError(status: 503)) }
    let stranger = AVAAccount(
      accountID: "stranger", routingNumber: "011000015", accountNumberLast4: Fixture.last4)
    return .success([stranger] + accounts)
  }

  private mutating func details() -> CallOutcome<MicroEntryDetails> {
    if chance(15) { return .retryLater(after: nil, reason: .timeout) }
    detailsReads += 1
    if verified { return .success(MicroEntryDetails(status: .verified)) }
    if lateStatus == nil, chance(2) {
      lateStatus = [.returned, .rejected, .failed, .expired].randomElement(using: &random)
    }
    if let lateStatus { return .success(MicroEntryDetails(status: lateStatus)) }
    return .success(MicroEntryDetails(status: detailsReads >= 3 ? .completed : .pending))
  }

  private mutating func verify(_ amounts: AmountPair) -> CallOutcome<VerifyAnswer> {
    if chance(15) { return .retryLater(after: nil, reason: .rateLimited) }
    if verified { return .success(VerifyAnswer(verified: true)) }
    guard attemptsSpent < maxAttempts else { return .attemptsExhausted }
    attemptsSpent += 1
    let lostAnswer = chance(15)
    let answer: CallOutcome<VerifyAnswer>
    if amounts == correct {
      verified = true
      answer = .success(VerifyAnswer(verified: true))
    } else if attemptsSpent == maxAttempts {
      answer = .attemptsExhausted
    } else {
      answer = .wrongAmounts(attemptsRemaining: maxAttempts - attemptsSpent)
    }
    return lostAnswer ? .retryLater(after: nil, reason: .timeout) : answer
  }

  private mutating func bankLink() -> CallOutcome<BankLink> {
    if chance(15) { return .retryLater(after: nil, reason: .timeout) }
    let deleted = attemptsSpent >= maxAttempts && !verified
    return .success(BankLink(status: deleted ? .deleted : .active, verifyStatus: verified))
  }
}
