import Verification

extension JobStore {
  /// Refuses up to `limit` submissions still `pending` on jobs that have finished, without
  /// spending an attempt, and returns how many.
  ///
  /// The insert trigger refuses submissions for finished jobs, but one inserted in the instant a
  /// daemon finishes its job (checked before the finish commits, committed after) is read by no
  /// daemon again: this settles it, so that no submission stays `pending` forever.
  @discardableResult
  public func refuseOrphanedSubmissions(limit: Int = 1000) async throws -> Int {
    let result = try await connection.query(
      """
      WITH orphaned AS (
        SELECT s.id FROM verifier.amount_submissions AS s
          JOIN verifier.jobs AS j ON j.id = s.job_id
         WHERE s.status = 'pending' AND j.finished_at IS NOT NULL
         LIMIT $1
         FOR UPDATE OF s SKIP LOCKED
      )
      UPDATE verifier.amount_submissions AS s
         SET status = 'refused', reason = $2, processed_at = now()
        FROM orphaned WHERE s.id = orphaned.id
      """, [limit, RefusalReason.jobFinished.rawValue], operation: "refuse orphaned submissions")
    return result.affectedRows
  }
}
