import Foundation
import JobQueue
import Providers
import Verification

/// Makes the provider call a decision asks for and returns its result as the machine's next
/// event, with what was measured. Holds no state of its own beyond the clients.
struct ProviderGateway: Sendable {
  let finicity: FinicityClient
  let folio: FolioClient
  /// The longest a money-moving call may run from the commit of its intent
  /// (``RuntimeConfiguration/moneyCallBudget``).
  let moneyCallBudget: Duration

  /// Makes `call` for `job`; returns the event to feed back and the measurement.
  ///
  /// An initiate or verify runs only inside its budget, measured from when its intent was
  /// committed (`attemptStartedAt`, `verifyStartedAt`): past the deadline it is not sent, and a
  /// call still running at the deadline is cancelled. Either way the machine hears "result
  /// unknown" and reconciles after the settle delay, which is longer than the budget, so no
  /// daemon reads the provider's state while this call could still land.
  func perform(_ call: Action, for job: ClaimedJob, snapshot: JobSnapshot) async -> (
    Event, CallMeasurement
  ) {
    let clock = ContinuousClock()
    let start = clock.now
    let (event, status): (Event, Int?)
    if let committed = Self.commitTime(of: call, snapshot) {
      (event, status) = await bounded(
        call, until: committed + moneyCallBudget, job: job, snapshot: snapshot)
    } else {
      (event, status) = await dispatch(call, job: job, snapshot: snapshot)
    }
    return (event, CallMeasurement(httpStatus: status, latency: clock.now - start))
  }

  /// When a money-moving call's intent was committed; `nil` for reads.
  static func commitTime(of call: Action, _ snapshot: JobSnapshot) -> Timestamp? {
    switch call {
    case .callInitiate: snapshot.data.attemptStartedAt ?? .now
    case .callVerify: snapshot.data.verifyStartedAt ?? .now
    default: nil
    }
  }

  /// Runs a money-moving call, racing it against `deadline`.
  private func bounded(
    _ call: Action, until deadline: Timestamp, job: ClaimedJob, snapshot: JobSnapshot
  )
    async -> (Event, Int?)
  {
    let remaining = deadline - .now
    guard remaining > .zero else {
      return (Self.unknown(call, "the money-call budget had passed: not sent"), nil)
    }
    return await withTaskGroup(of: (Event, Int?)?.self) { group in
      group.addTask { await self.dispatch(call, job: job, snapshot: snapshot) }
      group.addTask {
        try? await Task.sleep(for: remaining)
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first ?? (
        Self.unknown(call, "the money-call budget ran out: cancelled, result unknown"), nil
      )
    }
  }

  /// The machine's "result unknown" for a money-moving call.
  static func unknown(_ call: Action, _ reason: String) -> Event {
    if case .callVerify = call { return .verifyAnswered(.retryLater(after: nil, reason: reason)) }
    return .initiated(.retryLater(after: nil, reason: reason))
  }

  private func dispatch(_ call: Action, job: ClaimedJob, snapshot: JobSnapshot) async -> (
    Event, Int?
  ) {
    let customer = job.customerID ?? ""
    switch call {
    case .callInitiate:
      let outcome = await finicity.initiate(customerId: customer, initiation(job))
      return (
        .initiated(outcome.callOutcome { InitiatedAccount(accountID: $0.accountId) }),
        outcome.httpStatus
      )
    case .callDetails(let accountID):
      let outcome = await finicity.details(customerId: customer, accountId: accountID)
      return (
        .detailsRead(
          outcome.callOutcome {
            Verification.MicroEntryDetails(
              status: $0.status?.machineStatus, statusDescription: $0.statusDescription)
          }), outcome.httpStatus
      )
    case .listAccountsToReconcile:
      let outcome = await reconcileAccounts(customer: customer, last4: snapshot.accountLast4)
      return (.accountsListed(outcome), nil)
    case .callVerify(_, let amounts):
      guard let pair = Providers.AmountPair(cents: amounts.first.value, amounts.second.value) else {
        return (.verifyAnswered(.permanentFailure(CallFailure(kind: .invalidRequest))), nil)
      }
      if snapshot.provider == .finicity {
        let outcome = await finicity.verify(
          customerId: customer, accountId: snapshot.providerAccountID ?? "", amounts: pair)
        return (
          .verifyAnswered(outcome.callOutcome { VerifyAnswer(verified: $0.status == "Verified") }),
          outcome.httpStatus
        )
      }
      let outcome = await folio.verifyMicroDeposits(
        accountNumber: job.folioAccountNumber ?? "", bankLinkOid: job.bankLinkOID ?? "",
        ownerLoginId: job.ownerLoginID ?? "", amounts: pair)
      return (
        .verifyAnswered(outcome.callOutcome { VerifyAnswer(verified: $0.verifyStatus == true) }),
        outcome.httpStatus
      )
    case .readBankLink:
      let outcome = await folio.bankLink(
        accountNumber: job.folioAccountNumber ?? "", bankLinkOid: job.bankLinkOID ?? "")
      return (
        .bankLinkRead(
          outcome.callOutcome {
            BankLink(
              status: $0.status.flatMap(BankLink.Status.init(rawValue:)),
              verifyStatus: $0.verifyStatus)
          }), outcome.httpStatus
      )
    default:
      return (.detailsRead(.retryLater(after: nil, reason: "not a provider call")), nil)
    }
  }

  /// The initiate body from the job's columns (`checking`/`savings` map to the personal types).
  private func initiation(_ job: ClaimedJob) -> MicroEntryInitiation {
    let type: FinicityAccountType =
      switch job.accountType {
      case "savings": .personalSavings
      case let text?: FinicityAccountType(rawValue: text) ?? .personalChecking
      case nil: .personalChecking
      }
    return MicroEntryInitiation(
      receiver: MicroEntryReceiver(
        routingNumber: job.routingNumber ?? "", accountNumber: job.accountNumber ?? "",
        accountType: type, name: job.receiverName ?? ""))
  }

  /// Lists the customer's AVA accounts and, for those ending in the job's last four digits, reads
  /// their details for the routing number (the list does not carry it).
  private func reconcileAccounts(customer: String, last4: String?) async -> CallOutcome<
    [AVAAccount]
  > {
    let listed = await finicity.avaAccounts(customerId: customer)
    guard case .success(let accounts) = listed else { return listed.callOutcome { _ in [] } }
    var found: [AVAAccount] = []
    for account in accounts where last4.map(account.matches(last4:)) ?? false {
      let details = await finicity.details(customerId: customer, accountId: account.id)
      switch details {
      case .success(let body):
        found.append(
          AVAAccount(
            accountID: account.id, routingNumber: body.routingNumber,
            accountNumberLast4: body.accountNumberLast4 ?? last4))
      case .permanentFailure:
        continue  // not a micro-entry account of ours
      default:
        return details.callOutcome { _ in [] }
      }
    }
    return .success(found)
  }
}
