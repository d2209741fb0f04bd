import Testing
import Verification

@testable import Providers

/// Amounts on the providers' wire (the one parser, for the database's text, is the domain's:
/// `VerificationTests/AmountTests`).
@Suite struct AmountTests {
  @Test func formatsDecimalStrings() throws {
    let five = try #require(Cents(5))
    #expect(five.decimalString() == "0.05")
    #expect(five.decimalString(fractionDigits: 5) == "0.05000")
    #expect(try #require(Cents(123)).decimalString() == "1.23")
    #expect(Cents(-1) == nil)
  }

  @Test func finicityBodyIsTwoDecimalNumberLiterals() throws {
    let pair = try #require(AmountPair(cents: 12, 5))
    #expect(pair.finicityVerifyBody == #"{"amounts":[0.12,0.05]}"#)
  }

  @Test func pairAcceptsOnlyMicroAmounts() {
    #expect(AmountPair(cents: 0, 5) == nil)
    #expect(AmountPair(cents: 100, 5) == nil)
    #expect(AmountPair(cents: 1, 99) != nil)
  }
}
