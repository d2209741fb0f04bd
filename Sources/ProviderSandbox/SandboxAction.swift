import Foundation

/// How the server must deliver an answer.
public enum SandboxAction: Sendable {
  /// Send this response.
  case respond(SandboxResponse)
  /// Send nothing for this long (longer than the client's timeout), then a 504.
  case hang(Duration)
  /// Start a response and cut the connection.
  case reset
  /// Send a 200 head and the start of a body, then nothing for this long, then cut the connection.
  case stallBody(Duration)

  /// The body bytes sent before a stalled or cut body stops (`{"acc`, the start of a JSON object).
  static let cutBodyStart = "{\"acc"
}
