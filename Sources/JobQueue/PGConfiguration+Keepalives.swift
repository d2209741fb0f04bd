extension PGConfiguration {
  /// TCP keepalive settings, passed to libpq as `keepalives=1`, `keepalives_idle`,
  /// `keepalives_interval` and `keepalives_count`. They apply to TCP connections only (libpq
  /// ignores them on a Unix socket). With the defaults a dead peer is noticed after about a
  /// minute of silence (30 s idle, then 3 probes 10 s apart) instead of the system's two hours.
  public struct Keepalives: Sendable, Equatable {
    /// Seconds of silence before the first probe (`keepalives_idle`).
    public var idleSeconds: Int
    /// Seconds between unanswered probes (`keepalives_interval`).
    public var intervalSeconds: Int
    /// Unanswered probes before the connection counts as dead (`keepalives_count`).
    public var count: Int

    /// Creates keepalive settings.
    public init(idleSeconds: Int = 30, intervalSeconds: Int = 10, count: Int = 3) {
      self.idleSeconds = idleSeconds
      self.intervalSeconds = intervalSeconds
      self.count = count
    }

    /// The libpq keywords, given before the connection string so that its own keepalive
    /// keywords win.
    var connectionParameters: [(String, String)] {
      [
        ("keepalives", "1"),
        ("keepalives_idle", String(idleSeconds)),
        ("keepalives_interval", String(intervalSeconds)),
        ("keepalives_count", String(count)),
      ]
    }
  }
}
