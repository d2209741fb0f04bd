import Testing

@testable import Providers

@Suite struct AmountTests {
  @Test(arguments: [
    ("0.12", 12), (".12", 12), ("0.1", 10), ("$0.05", 5), ("0.120", 12), (" 0.07 ", 7), ("1", 100),
    ("12.34", 1234),
  ])
  func parsesDollarsWithoutFloatingPoint(text: String, cents: Int) {
    #expect(Cents(parsingDollars: text)?.value == cents)
  }

  @Test(arguments: ["0.123", "abc", "-0.1", "", "1e2", "0.1.2", "$", ".", "0,12", "١.٢"])
  func rejectsUnreadableAmounts(text: String) {
    #expect(Cents(parsingDollars: text) == nil)
  }

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
