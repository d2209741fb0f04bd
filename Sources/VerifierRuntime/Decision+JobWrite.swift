import Foundation
import JobQueue
import Verification

/// What the daemon measured about the provider call whose result a decision handles; it goes on
/// that decision's `provider_call` events.
struct CallMeasurement: Sendable {
  /// The HTTP status, when the outcome tells it.
  var httpStatus: Int?
  /// How long the call took.
  var latency: Duration
}

extension Decision {
  /// Whether anything must be committed before the provider call (or at all).
  var hasWrites: Bool { actions.contains { !$0.isProviderCall } }

  /// The decision's writes as one ``JobWrite`` for `lease`: the last state image (each is a full
  /// image), every event, submission mark and prompt, in order. A decision that writes no state
  /// but calls a provider keeps the lease with the job as it is.
  func jobWrite(lease: Lease, measurement: CallMeasurement?, now: Timestamp) -> JobWrite {
    let image =
      stateWrites.last
      ?? StateWrite(
        job: job, schedule: providerCall == nil ? .runAt(now) : .keepLease,
        clearAccountNumber: false)
    var update = JobUpdate(lease: lease, state: image.state.rawValue)
    switch image.schedule {
    case .keepLease: update.keepLease = true
    case .runAt(let at): update.runAt = at.date
    case .finished: update.runAt = now.date
    }
    update.outcome = image.outcome?.rawValue
    update.providerCode = image.providerCode
    update.providerMessage = image.providerMessage
    update.providerAccountID = image.providerAccountID
    update.attemptID = image.attemptID.flatMap { UUID(uuidString: $0.rawValue) }
    update.attemptsRemaining = image.attemptsRemaining
    update.retryStartedAt = image.retryStartedAt?.date
    update.clearRetryStartedAt = image.retryStartedAt == nil
    update.clearAccountNumber = stateWrites.contains(where: \.clearAccountNumber)
    update.data = (try? JSONEncoder().encode(image.data)).map {
      String(decoding: $0, as: UTF8.self)
    }
    var write = JobWrite(update: update)
    for action in actions {
      switch action {
      case .appendEvent(let record):
        write.update.events.append(record.jobEvent(measurement: measurement))
      case .markSubmission(let mark):
        write.submissionMarks.append(
          JobWrite.SubmissionMark(
            id: mark.id, status: mark.status.rawValue, reason: mark.reason,
            attemptsRemaining: mark.attemptsRemaining))
      case .schedulePrompts(let plans):
        write.prompts += plans.map {
          JobWrite.PromptRow(
            kind: $0.kind.rawValue, dueAt: $0.dueAt.date, status: "scheduled",
            attemptsRemaining: $0.attemptsRemaining)
        }
      case .cancelScheduledPrompts:
        // Cancels what exists and what this decision scheduled before.
        write.cancelScheduledPrompts = true
        for index in write.prompts.indices { write.prompts[index].status = "canceled" }
      case .notifyFinished:
        write.notifyFinished = true
      case .writeState, .callInitiate, .callDetails, .listAccountsToReconcile, .callVerify,
        .readBankLink:
        break
      }
    }
    return write
  }

  /// When the job is due next after this decision's write, when it releases the lease.
  var nextRunAt: Timestamp? {
    guard providerCall == nil, let last = stateWrites.last, case .runAt(let at) = last.schedule
    else { return nil }
    return at
  }
}

extension EventRecord {
  /// The row for `verifier.events`; a provider call's event carries the call's measurement.
  func jobEvent(measurement: CallMeasurement?) -> JobEvent {
    let measured = kind == .providerCall ? measurement : nil
    return JobEvent(
      kind: kind.rawValue, fromState: fromState?.rawValue, toState: toState?.rawValue,
      provider: provider.rawValue, endpoint: endpoint?.rawValue, httpStatus: measured?.httpStatus,
      providerCode: providerCode,
      latencyMilliseconds: measured.map { Int($0.latency.timeInterval * 1000) }, message: message)
  }
}
