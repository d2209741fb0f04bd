import Foundation

/// Operator actions on `verifier.jobs`: status, one job's timeline, retry now, cancel, prune.
public struct JobAdmin: Sendable {
  /// The connection statements run on.
  public let connection: PGConnection

  /// Creates the operator view over `connection`.
  public init(connection: PGConnection) {
    self.connection = connection
  }

  /// What became of a retry or cancel request.
  public enum ActionResult: Sendable, Equatable {
    /// Done.
    case done
    /// No such job.
    case notFound
    /// The job has finished, with this outcome; nothing was changed.
    case finished(outcome: String?)
    /// A daemon holds the job until the given time; nothing was changed (try again then).
    case held(by: String, until: Date)
    /// The job is not waiting in `held` (it is in this state, or was released already); nothing
    /// was changed.
    case notHeldByPolicy(state: String)
  }

  /// Makes a live job due now (skipping what is left of a backoff or poll wait), recording an
  /// `operator_retry` event. A finished job is never reopened: money may have moved, so a new
  /// verification must be enqueued instead. A job a daemon holds is left alone.
  public func retry(jobID: Int64) async throws -> ActionResult {
    try await connection.withTransaction { session in
      if let refusal = try Self.refusal(jobID: jobID, session) { return refusal }
      try session.query(
        """
        WITH job AS (
          UPDATE verifier.jobs SET run_at = now(), lease_owner = NULL, lease_token = NULL,
                 lease_expires_at = NULL, updated_at = now()
           WHERE id = $1 RETURNING id, state
        )
        INSERT INTO verifier.events (job_id, kind, from_state, to_state, message)
        SELECT id, 'operator_retry', state, state, 'made due now by an operator' FROM job
        """, [jobID], operation: "retry job")
      return .done
    }
  }

  /// Cancels a live job no daemon holds (`verifier.cancel`), recording the cancellation.
  public func cancel(jobID: Int64) async throws -> ActionResult {
    try await connection.withTransaction { session in
      if let refusal = try Self.refusal(jobID: jobID, session) { return refusal }
      let canceled = try session.query(
        "SELECT verifier.cancel($1) AS ok", [jobID], operation: "cancel job")
      return try canceled[0].decode("ok", as: Bool.self) ? .done : .notFound
    }
  }

  /// Releases a job a fraud rule held (`verifier.release`): the daemon that claims it next
  /// initiates it without screening it again. Only a job in `held` is released.
  public func release(jobID: Int64) async throws -> ActionResult {
    try await connection.withTransaction { session in
      if let refusal = try Self.refusal(jobID: jobID, session) { return refusal }
      let released = try session.query(
        "SELECT verifier.release($1) AS ok, state FROM verifier.jobs WHERE id = $1", [jobID],
        operation: "release job")
      guard try released[0].decode("ok", as: Bool.self) else {
        return .notHeldByPolicy(state: try released[0].decode("state"))
      }
      return .done
    }
  }

  /// Locks the job and says why it cannot be retried or cancelled now, or `nil` when it can.
  static func refusal(jobID: Int64, _ session: PGSession) throws -> ActionResult? {
    let found = try session.query(
      """
      SELECT state, outcome, finished_at IS NOT NULL AS finished, lease_owner,
             lease_expires_at, lease_expires_at > now() AS held
        FROM verifier.jobs WHERE id = $1 FOR UPDATE
      """, [jobID], operation: "find job")
    guard found.count == 1 else { return .notFound }
    let row = found[0]
    if try row.decode("finished", as: Bool.self) {
      return .finished(outcome: try row.decodeIfPresent("outcome"))
    }
    if try row.decodeIfPresent("held", as: Bool.self) == true {
      return .held(by: try row.decode("lease_owner"), until: try row.decode("lease_expires_at"))
    }
    return nil
  }
}
