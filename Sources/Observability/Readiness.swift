/// What `GET /readyz` answers: ready (200), or not ready (503) with a short reason.
public enum Readiness: Sendable, Equatable {
  /// The daemon can do its work.
  case ready
  /// The daemon cannot do its work now. The reason is shown to anyone who can reach the
  /// endpoint: a fixed phrase such as `database unreachable`, never an error's text, a host
  /// name, a connection string or a secret.
  case notReady(reason: String)
}
