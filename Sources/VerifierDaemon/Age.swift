import ArgumentParser
import Foundation
import JobQueue

/// An age such as `90d`, `12h`, `30m` or `45s`.
struct Age: ExpressibleByArgument, Sendable {
  /// The age in seconds.
  var seconds: TimeInterval

  init?(argument: String) {
    let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
    guard let unit = argument.last, let scale = units[unit], let value = Int(argument.dropLast()),
      value >= 0
    else {
      return nil
    }
    seconds = TimeInterval(value) * scale
  }
}
