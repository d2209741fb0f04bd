import Testing

@testable import Verification

@Suite("Cents and amount pairs from exact decimal text")
struct AmountTests {
  @Test(
    "accepted texts give integer cents",
    arguments: [
      ("0.12", 12), ("0.01", 1), ("0.99", 99), ("0.1", 10), ("0.120", 12), ("0.12000", 12),
      ("1", 100), ("1.00", 100), ("12.34", 1_234), ("0", 0), ("00.05", 5),
    ])
  func parses(text: String, cents: Int) {
    #expect(Cents(decimalText: text)?.value == cents)
  }

  @Test(
    "refused texts",
    arguments: [
      "", ".", ".12", "0.", "-0.12", "+0.12", " 0.12", "0.12 ", "0,12", "0.125", "0.121",
      "1e-2", "0.1.2", "$0.12", "abc", "0x10", "1234567.00", "０.12",
      // Found by FuzzAmounts: a digit with a combining mark is one Character that sorts inside
      // "0"..."9"; it read as 0 ("0.5\u{301}2" was 2 cents).
      "0.5\u{301}2", "1\u{301}", "0.1\u{20E3}",
    ])
  func refuses(text: String) {
    #expect(Cents(decimalText: text) == nil)
  }

  @Test("wire strings are built from integer cents")
  func wire() {
    #expect(Cents(4)?.decimalString() == "0.04")
    #expect(Cents(23)?.decimalString(fractionDigits: 5) == "0.23000")
    #expect(Cents(1_205)?.decimalString() == "12.05")
    #expect(Cents(7)?.decimalString(fractionDigits: 0) == "0.07")
    #expect(Cents(-1) == nil)
  }

  @Test("a pair holds two amounts from 0.01 to 0.99")
  func pairRange() {
    #expect(AmountPair(decimalTexts: "0.01", "0.99")?.first.value == 1)
    #expect(AmountPair(decimalTexts: "0.01", "0.99")?.second.value == 99)
    #expect(AmountPair(decimalTexts: "0.00", "0.12") == nil)
    #expect(AmountPair(decimalTexts: "0.12", "1.00") == nil)
    #expect(AmountPair(decimalTexts: "0.12", "0.125") == nil)
    #expect(AmountPair(decimalTexts: "0.12", "x") == nil)
    #expect(AmountPair(cents: 0, 5) == nil)
    #expect(AmountPair(cents: 5, 100) == nil)
    #expect(AmountPair(cents: -1, 5) == nil)
  }

  @Test("every whole-cent text from 0.01 to 0.99 round-trips")
  func roundTrip() {
    for cents in 1...99 {
      let text = Cents(cents)!.decimalString()
      #expect(Cents(decimalText: text)?.value == cents)
      #expect(AmountPair(decimalTexts: text, text) != nil)
    }
  }
}
