import Foundation

/// Formats cents as dollars without floating point: 7 → "0.07".
func dollars(_ cents: Int) -> String {
  let rest = cents % 100
  return "\(cents / 100).\(rest < 10 ? "0" : "")\(rest)"
}
