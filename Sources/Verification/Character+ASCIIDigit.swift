extension Character {
  /// Whether this is one of the ASCII digits 0 to 9, alone: a digit followed by a combining mark
  /// ("5\u{301}") is one `Character` that sorts between "5" and "6", so a range check would
  /// accept it; the ASCII value does not.
  package var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }

  /// The value of an ASCII digit (only call when ``isASCIIDigit``).
  package var asciiDigitValue: Int { Int(asciiValue ?? 48) - 48 }
}
