import Observability

/// `host:port` with a loopback host: metrics and health endpoints are never exposed beyond the
/// machine.
public struct LoopbackAddress: Sendable, Equatable {
  /// The host as given (`127.0.0.1`, `::1`, `localhost`).
  public var host: String
  /// The port (0 lets the system choose).
  public var port: Int

  /// Parses `127.0.0.1:9464`, `[::1]:9464` or `localhost:9464`; `nil` for anything else.
  public init?(_ text: String) {
    let host: Substring
    let port: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
        return nil
      }
      host = text[text.index(after: text.startIndex)..<close]
      port = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      host = text[..<colon]
      port = text[text.index(after: colon)...]
    }
    guard let number = Int(port), (0...65_535).contains(number),
      ObservabilityServer.isLoopback(String(host))
    else { return nil }
    self.host = String(host)
    self.port = number
  }
}
