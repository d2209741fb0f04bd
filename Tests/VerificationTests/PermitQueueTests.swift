import Testing

@testable import Verification

@Suite("Permit queue: money first, arrival order within a class, aging so no class starves")
struct PermitQueueTests {
  @Test("money goes before polls, polls before watches; arrival order within a class")
  func order() {
    var queue = PermitQueue()
    queue.add(1, priority: .watch, now: .zero)
    queue.add(2, priority: .poll, now: .zero)
    queue.add(3, priority: .money, now: .zero)
    queue.add(4, priority: .poll, now: .zero)
    queue.add(5, priority: .money, now: .zero)
    #expect(queue.next(3, now: .milliseconds(10)) == [3, 5, 2])
    #expect(queue.next(5, now: .milliseconds(10)) == [4, 1])
    #expect(queue.isEmpty)
  }

  @Test("a watch call that waited two aging steps goes before money that came later")
  func aging() {
    var queue = PermitQueue()
    queue.add(1, priority: .watch, now: .zero)
    queue.add(2, priority: .money, now: .seconds(3))
    #expect(queue.next(1, now: .seconds(3)) == [2])
    queue.add(3, priority: .money, now: .seconds(4))
    #expect(queue.next(1, now: .seconds(4)) == [1])
    #expect(queue.next(1, now: .seconds(4)) == [3])
  }

  @Test("a waiter that gave up is removed once")
  func removal() {
    var queue = PermitQueue()
    queue.add(1, priority: .poll, now: .zero)
    let first = queue.remove(1)
    let second = queue.remove(1)
    #expect(first)
    #expect(!second)
    let rest = queue.next(1, now: .zero)
    #expect(rest.isEmpty)
  }

  @Test("each call's class follows the job's state")
  func classes() {
    let details = ProviderCall.details(customerID: "c", accountID: "a")
    #expect(details.priority(in: .pending) == .poll)
    #expect(details.priority(in: .awaitingAmounts) == .watch)
    #expect(details.priority(in: .verifying) == .money)
  }
}
