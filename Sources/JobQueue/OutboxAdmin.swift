import Foundation

/// What an operator asks of the webhook outbox (`verifierd webhooks status`, `replay`, `prune`):
/// plain statements on one connection, safe beside running daemons.
public struct OutboxAdmin: Sendable {
  /// The connection statements run on.
  public let connection: PGConnection

  /// Creates an admin over `connection`.
  public init(connection: PGConnection) {
    self.connection = connection
  }

  /// One endpoint's deliveries.
  public struct EndpointStatus: Sendable, Codable, Equatable {
    /// The endpoint's name.
    public var endpoint: String
    /// Deliveries not yet acknowledged (due, in flight, or waiting to be retried).
    public var pending: Int
    /// How long the oldest pending delivery's event has waited, in seconds (0 when none).
    public var oldestPendingSeconds: Double
    /// Pending deliveries whose last attempt failed: being retried.
    public var failing: Int
    /// Deliveries given up on (their last error says why).
    public var dead: Int
    /// Deliveries acknowledged.
    public var delivered: Int
  }

  /// Every endpoint's deliveries, by name.
  public func status() async throws -> [EndpointStatus] {
    let result = try await connection.query(
      """
      SELECT endpoint,
             count(*) FILTER (WHERE status = 'pending') AS pending,
             coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')),
                      0)::float8 AS oldest,
             count(*) FILTER (WHERE status = 'pending' AND last_error IS NOT NULL) AS failing,
             count(*) FILTER (WHERE status = 'dead') AS dead,
             count(*) FILTER (WHERE status = 'delivered') AS delivered
        FROM verifier.outbox GROUP BY endpoint ORDER BY endpoint
      """, operation: "webhook status")
    return try result.rows.map {
      EndpointStatus(
        endpoint: try $0.decode("endpoint"), pending: try $0.decode("pending"),
        oldestPendingSeconds: try $0.decode("oldest"), failing: try $0.decode("failing"),
        dead: try $0.decode("dead"), delivered: try $0.decode("delivered"))
    }
  }

  /// Which deliveries a replay sends again.
  public enum Selection: Sendable {
    /// Every endpoint's delivery of one event.
    case event(UUID)
    /// Every event created at or after the instant.
    case since(Date)
  }

  /// Makes the selected deliveries (delivered or dead; optionally of one endpoint) due again,
  /// with their attempts counted afresh. They keep their event ids, so a receiver that already
  /// has one recognises it. Pending deliveries are left as they are. Returns how many.
  public func replay(_ selection: Selection, endpoint: String? = nil) async throws -> Int {
    let condition: String
    let value: any PGEncodable
    switch selection {
    case .event(let id): (condition, value) = ("event_id = $1", id)
    case .since(let date): (condition, value) = ("created_at >= $1", date)
    }
    let result = try await connection.query(
      """
      UPDATE verifier.outbox
         SET status = 'pending', next_attempt_at = now(), attempts = 0, last_error = NULL,
             last_status = NULL, delivered_at = NULL
       WHERE \(condition) AND status <> 'pending' AND ($2::text IS NULL OR endpoint = $2)
      """, [value, endpoint], operation: "replay webhooks")
    return result.affectedRows
  }

  /// Deletes delivered and dead deliveries whose events were created before `cutoff`, in
  /// batches of `batchSize` (each its own statement); pending ones are never touched. Returns
  /// how many; `dryRun` only counts them.
  public func prune(createdBefore cutoff: Date, batchSize: Int = 1000, dryRun: Bool = false)
    async throws -> Int
  {
    if dryRun {
      let result = try await connection.query(
        "SELECT count(*) AS n FROM verifier.outbox WHERE created_at < $1 AND status <> 'pending'",
        [cutoff], operation: "count prunable webhooks")
      return try result[0].decode("n")
    }
    return try await connection.deleteInBatches(
      """
      DELETE FROM verifier.outbox WHERE id IN (
        SELECT id FROM verifier.outbox WHERE created_at < $1 AND status <> 'pending'
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      """, before: cutoff, batchSize: batchSize, operation: "prune webhooks")
  }
}
