/// When a job runs next once a state is written.
public enum Schedule: Sendable, Hashable {
  /// A provider call follows in this decision: keep the lease (the daemon's lease expiry is the
  /// job's `run_at`, so a crash makes it due again).
  case keepLease
  /// Release the lease; the job is due again at this time.
  case runAt(Timestamp)
  /// Terminal: release the lease and set `finished_at`.
  case finished
}
