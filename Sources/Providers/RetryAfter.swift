import Foundation

/// Parses a `Retry-After` header: delay seconds or an HTTP date.
enum RetryAfter {
  /// The delay the header asks for, relative to `now`; `nil` when absent or unreadable.
  static func parse(_ value: String?, now: Date = Date()) -> Duration? {
    guard let raw = value?.trimmingWhitespace(), !raw.isEmpty else { return nil }
    if let seconds = Int(raw), seconds >= 0 { return .seconds(seconds) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: raw) else { return nil }
    let delta = date.timeIntervalSince(now)
    return .seconds(max(0, Int(delta.rounded(.up))))
  }
}
