import Foundation

/// A daemon's hold on one job: every write-back must present the token it was given.
public struct Lease: Sendable, Hashable {
  /// The job.
  public var jobID: Int64
  /// The token stamped when the job was claimed; a rescued job gets a new one.
  public var token: UUID

  /// Creates a lease value.
  public init(jobID: Int64, token: UUID) {
    self.jobID = jobID
    self.token = token
  }
}
