import Verification

extension AmountPair {
  /// The Finicity verify body, `{"amounts":[0.12,0.15]}`: JSON numbers with exactly two decimals
  /// written as literals, never produced by floating-point arithmetic.
  var finicityVerifyBody: String {
    "{\"amounts\":[\(first.decimalString()),\(second.decimalString())]}"
  }
}
