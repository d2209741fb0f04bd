import Foundation
import JobQueue
import Verification

extension ClaimedJob {
  /// What the state machine knows of this job; `nil` when a column holds something this build
  /// does not know, or the bookkeeping in `data` does not read (the job is then parked and an
  /// operator must look). Unreadable bookkeeping is never replaced by defaults: that would forget
  /// a 3100001, an attempt's start or a submission in flight, and could re-open an initiation.
  var snapshot: JobSnapshot? {
    guard let provider = Provider(rawValue: provider), let state = JobState(rawValue: state),
      let bookkeeping = try? JSONDecoder().decode(JobData.self, from: Data(data.utf8))
    else {
      return nil
    }
    return JobSnapshot(
      provider: provider, state: state, createdAt: Timestamp(createdAt),
      routingNumber: routingNumber, accountLast4: accountLast4,
      hasAccountNumber: accountNumber != nil,
      attemptID: attemptID.map { AttemptID(rawValue: $0.uuidString.lowercased()) },
      providerAccountID: providerAccountID, attemptsRemaining: attemptsRemaining,
      retryStartedAt: retryStartedAt.map(Timestamp.init), data: bookkeeping)
  }
}

extension OpenSubmission {
  /// The state machine's view of this submission.
  var machineSubmission: Submission {
    Submission(
      id: id, status: SubmissionStatus(rawValue: status) ?? .pending, firstAmount: firstAmount,
      secondAmount: secondAmount, createdAt: Timestamp(createdAt))
  }
}
