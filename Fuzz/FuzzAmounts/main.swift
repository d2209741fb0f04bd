// The amount parsers: the database's decimal text (Cents, AmountPair), the sandbox's Finicity
// verify body and Folio decimal strings. Each is checked against a byte-level reference and
// against the formatters it must round-trip with, not only for crashes.
import FuzzSupport
import Verification

@testable import ProviderSandbox
@testable import Providers

/// Cents by the documented rule, read byte by byte: 1 to 6 ASCII digits, optionally a dot and at
/// least one digit, fraction digits after the second all zeros.
private func referenceCents(_ bytes: [UInt8]) -> Int? {
  func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  let dot = bytes.firstIndex(of: 0x2E)
  let whole = bytes[..<(dot ?? bytes.endIndex)]
  let fraction = dot.map { bytes[($0 + 1)...] } ?? []
  guard (1...6).contains(whole.count), whole.allSatisfy(isDigit) else { return nil }
  guard dot == nil || !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
  guard fraction.dropFirst(2).allSatisfy({ $0 == 0x30 }) else { return nil }
  let dollars = whole.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  let cents = Array(fraction.prefix(2)) + Array(repeating: 0x30, count: 2 - min(2, fraction.count))
  return dollars * 100 + Int(cents[0] - 0x30) * 10 + Int(cents[1] - 0x30)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmounts(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = FuzzInput.bytes(data, count)
  let fields = FuzzInput.fields(bytes, limit: 2)
  let texts = fields.map(FuzzInput.text)

  // The database's decimal text, against the byte-level reference (text decoded from invalid
  // UTF-8 is compared through its own bytes).
  for text in texts {
    let parsed = Cents(decimalText: text)
    let expected = referenceCents(Array(text.utf8))
    FuzzInput.require(parsed?.value == expected, "Cents(decimalText:) disagrees with the rule")
    if let parsed {
      FuzzInput.require(
        Cents(decimalText: parsed.decimalString())?.value == parsed.value,
        "decimalString() does not read back")
      FuzzInput.require(
        SandboxEngine.parseFolioAmount(parsed.decimalString(fractionDigits: 5)) == parsed.value,
        "the Folio wire format does not read back in the sandbox")
    }
  }

  // A pair exists exactly when both amounts are 1 to 99 cents, and the verify body the daemon
  // sends for it reads back as the same two amounts in the sandbox.
  let first = Cents(decimalText: texts[0])
  let second = Cents(decimalText: texts[1])
  let pair = AmountPair(decimalTexts: texts[0], texts[1])
  let inRange = [first, second].allSatisfy {
    $0.map { AmountPair.validRange.contains($0.value) } ?? false
  }
  FuzzInput.require(
    (pair != nil) == inRange, "AmountPair accepts outside 1...99 cents or refuses inside")
  if let pair {
    FuzzInput.require(
      SandboxEngine.parseAmounts(Array(pair.finicityVerifyBody.utf8))
        == [pair.first.value, pair.second.value],
      "the Finicity verify body does not read back in the sandbox")
  }

  // Anything as a verify body or a Folio amount: no trap, and only amounts in range.
  if let amounts = SandboxEngine.parseAmounts(bytes) {
    FuzzInput.require(
      amounts.count == 2 && amounts.allSatisfy { (1...99).contains($0) },
      "the sandbox read amounts outside 0.01...0.99")
  }
  for text in texts {
    if let cents = SandboxEngine.parseFolioAmount(text) {
      FuzzInput.require(cents >= 0, "a negative Folio amount was read")
    }
  }
  return 0
}
