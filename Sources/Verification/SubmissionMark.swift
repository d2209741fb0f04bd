/// A submission's new status.
public struct SubmissionMark: Sendable, Hashable {
  /// The submission's id.
  public var id: Int64
  /// Its new status.
  public var status: SubmissionStatus
  /// Why, for `refused` and `error`.
  public var reason: String?
  /// The attempts left, when known.
  public var attemptsRemaining: Int?

  /// Creates a mark.
  public init(id: Int64, status: SubmissionStatus, reason: String? = nil, attemptsRemaining: Int?) {
    self.id = id
    self.status = status
    self.reason = reason
    self.attemptsRemaining = attemptsRemaining
  }
}
