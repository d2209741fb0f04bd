extension PGListener {
  /// What the listener reports to its handler.
  public enum Signal: Sendable, Equatable {
    /// A notification arrived.
    case notification(Notification)
    /// The connection was lost and is back; notifications may have been missed meanwhile.
    case reconnected
  }
}
