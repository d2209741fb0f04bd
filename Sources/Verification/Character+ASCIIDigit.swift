extension Character {
  /// Whether this is one of the ASCII digits 0 to 9.
  package var isASCIIDigit: Bool { ("0"..."9").contains(self) }

  /// The value of an ASCII digit (only call when ``isASCIIDigit``).
  package var asciiDigitValue: Int { Int(asciiValue ?? 48) - 48 }
}
