import Foundation

/// An amount submission the daemon has not finished with (`pending` or `submitting`).
public struct OpenSubmission: Sendable {
  /// The row id.
  public var id: Int64
  /// The job it belongs to.
  public var jobID: Int64
  /// `pending` or `submitting`.
  public var status: String
  /// The first amount as PostgreSQL prints it ("0.12"). Never log it.
  public var firstAmount: String
  /// The second amount, as text. Never log it.
  public var secondAmount: String
  /// When the application inserted it.
  public var createdAt: Date
}

extension JobStore {
  /// The open submissions of `jobIDs`, oldest first.
  public func openSubmissions(of jobIDs: [Int64]) async throws -> [OpenSubmission] {
    guard !jobIDs.isEmpty else { return [] }
    let result = try await connection.query(
      """
      SELECT id, job_id, status, amounts[1]::text AS first, amounts[2]::text AS second, created_at
        FROM verifier.amount_submissions
       WHERE job_id = ANY($1::bigint[]) AND status IN ('pending', 'submitting')
       ORDER BY id
      """, [PGArray(jobIDs)], operation: "read open submissions")
    return try result.rows.map { row in
      OpenSubmission(
        id: try row.decode("id"), jobID: try row.decode("job_id"), status: try row.decode("status"),
        firstAmount: try row.decode("first"), secondAmount: try row.decode("second"),
        createdAt: try row.decode("created_at"))
    }
  }
}
