/// What the observability endpoint's status routes answer (`GET /` and `GET /jobs/ID`): whole
/// HTML documents, rendered by whoever knows the queue. The endpoint adds the headers that keep
/// them inert (no script runs, nothing loads from elsewhere, nothing is cached).
public protocol StatusPages: Sendable {
  /// The overview page.
  func overview() async -> StatusPageAnswer
  /// Job `id`'s timeline page.
  func job(id: Int64) async -> StatusPageAnswer
}

/// A status page and its HTTP status.
public struct StatusPageAnswer: Sendable, Equatable {
  /// The HTTP status code (200, 404 for no such job, 503 when the database does not answer).
  public var status: Int
  /// The document.
  public var html: String

  /// Creates an answer.
  public init(status: Int, html: String) {
    self.status = status
    self.html = html
  }
}
