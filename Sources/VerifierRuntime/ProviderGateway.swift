import Foundation
import JobQueue
import Providers
import Verification

/// Makes the provider call a decision asks for and returns its result as the machine's next
/// event, with what was measured. Holds no state of its own beyond the clients, and no rule: the
/// request comes whole from the decision, the reconciliation's steps from ``AccountSearch``.
struct ProviderGateway: Sendable {
  let finicity: FinicityClient
  let folio: FolioClient

  /// Makes `call`; returns the event to feed back and the measurement.
  ///
  /// A money-moving call runs only until `deadline` (the decision's, measured from the commit of
  /// its intent): past it the call is not sent, and a call still running at it is cancelled.
  /// Either way the machine hears "result unknown" and reconciles after the settle delay, which
  /// is longer than the budget, so no daemon reads the provider's state while this call could
  /// still land.
  /// `priority`: the call's class when permits are scarce (``ProviderCall/priority(in:)``);
  /// `permit`: one asked for ahead (``earlyPermit(for:priority:)``), waited for inside the
  /// budget like any other.
  @inline(never)
  func perform(
    _ call: ProviderCall, priority: CallPriority, deadline: Timestamp?,
    permit: EarlyPermit? = nil
  ) async -> (VerificationEvent, CallMeasurement) {
    let clock = ContinuousClock()
    let start = clock.now
    let event: VerificationEvent
    if let deadline {
      event = await bounded(call, priority: priority, permit: permit, until: deadline)
    } else {
      event = await dispatch(call, priority: priority, permit: permit)
    }
    return (event, CallMeasurement(httpStatus: event.httpStatus, latency: clock.now - start))
  }

  /// Runs a money-moving call until `deadline` (``TimeLimit``).
  @inline(never)
  private func bounded(
    _ call: ProviderCall, priority: CallPriority, permit: EarlyPermit?, until deadline: Timestamp
  ) async -> VerificationEvent {
    let remaining = deadline - .now
    guard remaining > .zero else {
      return .resultUnknown(of: call, reason: "the money-call budget had passed: not sent")
    }
    return await TimeLimit.run(
      remaining,
      expired: .resultUnknown(
        of: call, reason: "the money-call budget ran out: cancelled, result unknown")
    ) {
      await self.dispatch(call, priority: priority, permit: permit)
    }
  }

  /// Starts asking for the permit of a money call (an initiate or a verify) ahead of it; `nil`
  /// for other calls, which ask when they go.
  func earlyPermit(for call: ProviderCall, priority: CallPriority) -> EarlyPermit? {
    switch call {
    case .initiate, .verify(_, .finicity): return finicity.earlyPermit(priority)
    case .verify(_, .folio): return folio.earlyPermit(priority)
    case .details, .findAccount, .readBankLink: return nil
    }
  }

  @inline(never)
  private func dispatch(_ call: ProviderCall, priority: CallPriority, permit: EarlyPermit?) async
    -> VerificationEvent
  {
    switch call {
    case .initiate(let request):
      return .initiated(await finicity.initiate(request, permit: permit))
    case .details(let customer, let account):
      return .detailsRead(
        await finicity.details(customerId: customer, accountId: account, priority: priority))
    case .findAccount(let search):
      return .accountsListed(await find(search))
    case .verify(_, .finicity(let customer, let account, let amounts)):
      return .verifyAnswered(
        await finicity.verify(
          customerId: customer, accountId: account, amounts: amounts, permit: permit))
    case .verify(_, .folio(let link, let amounts)):
      return .verifyAnswered(
        await folio.verifyMicroDeposits(
          accountNumber: link.accountNumber.revealed, bankLinkOid: link.bankLinkOID,
          ownerLoginId: link.ownerLoginID, amounts: amounts, permit: permit))
    case .readBankLink(let link):
      return .bankLinkRead(
        await folio.bankLink(
          accountNumber: link.accountNumber.revealed, bankLinkOid: link.bankLinkOID))
    }
  }

  /// Carries out an account search's steps until it finishes.
  private func find(_ search: AccountSearch) async -> CallOutcome<[AVAAccount]> {
    var search = search
    var step = search.start
    while true {
      switch step {
      case .listAccounts(let customer):
        step = search.listed(await finicity.avaAccounts(customerId: customer))
      case .readDetails(let customer, let account):
        step = search.detailsRead(
          await finicity.details(customerId: customer, accountId: account, priority: .money))
      case .finished(let outcome):
        return outcome
      }
    }
  }
}
