import Testing

@testable import Verification

@Suite("Domain rules: account types, verify answers, parking, the money-call rule, submissions")
struct DomainRulesTests {
  @Test(
    "the account_type column maps to Finicity's types",
    arguments: [
      (nil, FinicityAccountType.personalChecking), ("checking", .personalChecking),
      ("savings", .personalSavings), ("businessSavings", .businessSavings),
      ("personalChecking", .personalChecking), ("unexpected", .personalChecking),
    ] as [(String?, FinicityAccountType)])
  func accountTypes(column: String?, type: FinicityAccountType) {
    #expect(FinicityAccountType(column: column) == type)
  }

  @Test("a verify answer is a success only when the provider says verified")
  func verifyAnswers() {
    #expect(VerifyAnswer(finicityStatus: "Verified").verified)
    #expect(!VerifyAnswer(finicityStatus: "verified").verified)
    #expect(!VerifyAnswer(finicityStatus: "Completed").verified)
    #expect(!VerifyAnswer(finicityStatus: nil).verified)
    #expect(VerifyAnswer(folioVerifyStatus: true).verified)
    #expect(!VerifyAnswer(folioVerifyStatus: false).verified)
    #expect(!VerifyAnswer(folioVerifyStatus: nil).verified)
  }

  @Test("an unreadable job is parked for an hour with a fixed message")
  func parking() {
    let parking = Parking(now: Fixture.at(10))
    #expect(parking.runAt == Fixture.at(3_610))
    #expect(parking.message.contains("parked for an hour"))
  }

  @Test("the settle delay must outlast a positive money-call budget")
  func moneyCallRule() {
    var configuration = VerificationConfiguration(
      initiateSettleDelay: .seconds(30), moneyCallBudget: .seconds(20))
    #expect(configuration.moneyCallProblem == nil)
    configuration.moneyCallBudget = .seconds(30)
    #expect(configuration.moneyCallProblem?.contains("must be longer than") == true)
    configuration.moneyCallBudget = .zero
    #expect(configuration.moneyCallProblem?.contains("must be above 0") == true)
  }

  @Test("a money-moving call gets the budget from its intent as its deadline; reads get none")
  func deadlines() throws {
    let awaiting = Fixture.finicityAwaiting()
    let verify = Fixture.decide(awaiting, .due(submissions: [Fixture.submission(3)]), at: 150)
    #expect(verify.call?.movesMoney == true)
    #expect(verify.callDeadline == Fixture.at(150) + Fixture.configuration.moneyCallBudget)
    let read = Fixture.decide(awaiting, .due(submissions: []), at: 110)
    #expect(read.call?.movesMoney == false)
    #expect(read.callDeadline == nil)
  }

  @Test("a submission whose second amount is missing is malformed, and refused")
  func missingAmount() {
    let broken = Submission(id: 4, amountTexts: "0.12", nil, createdAt: Fixture.at(150))
    #expect(broken.amounts == nil)
    let decision = Fixture.decide(Fixture.finicityAwaiting(), .due(submissions: [broken]), at: 150)
    #expect(decision.marks.map(\.status) == [.refused])
    #expect(decision.marks.first?.reason == RefusalReason.malformedAmounts.rawValue)
  }

  @Test("requests and snapshots never print the account number")
  func redaction() {
    let job = Fixture.finicity()
    let decision = Fixture.decide(job, .due(submissions: []), at: 0)
    for text in ["\(job)", "\(decision)", String(reflecting: decision), "\(Fixture.folio())"] {
      #expect(!text.contains(Fixture.accountNumber.revealed))
      #expect(!text.contains("F-100"))
    }
    var dumped = ""
    dump(decision, to: &dumped)
    #expect(!dumped.contains(Fixture.accountNumber.revealed))
  }
}
