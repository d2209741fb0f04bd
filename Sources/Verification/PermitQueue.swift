/// The calls of one daemon waiting for a provider's permits, served by ``CallPriority`` with
/// aging: a waiter's class improves by one for each ``CallPriority/agingStep`` it has waited,
/// and waiters of equal standing go in arrival order. So money goes first, and no waiter waits
/// behind later arrivals for more than two steps.
///
/// Instants are any monotonic clock's, as durations since its origin.
public struct PermitQueue: Sendable, Hashable {
  struct Waiter: Sendable, Hashable {
    var id: Int
    var priority: CallPriority
    var since: Duration
  }

  private var waiters: [Waiter] = []

  /// An empty queue.
  public init() {}

  /// Waiters now.
  public var count: Int { waiters.count }

  /// Whether nobody waits.
  public var isEmpty: Bool { waiters.isEmpty }

  /// Adds waiter `id` of class `priority`, arriving at `now`.
  public mutating func add(_ id: Int, priority: CallPriority, now: Duration) {
    waiters.append(Waiter(id: id, priority: priority, since: now))
  }

  /// Removes waiter `id` (it gave up); whether it was waiting.
  @discardableResult
  public mutating func remove(_ id: Int) -> Bool {
    guard let index = waiters.firstIndex(where: { $0.id == id }) else { return false }
    waiters.remove(at: index)
    return true
  }

  /// Takes the `count` waiters that go first at `now`, in the order they go.
  public mutating func next(_ count: Int, now: Duration) -> [Int] {
    guard count > 0, !waiters.isEmpty else { return [] }
    let ranked = waiters.enumerated().sorted { lhs, rhs in
      let left = standing(lhs.element, now: now)
      let right = standing(rhs.element, now: now)
      return left != right ? left < right : lhs.offset < rhs.offset
    }
    let chosen = ranked.prefix(count)
    let ids = chosen.map(\.element.id)
    let taken = Set(chosen.map(\.offset))
    waiters = waiters.enumerated().filter { !taken.contains($0.offset) }.map(\.element)
    return ids
  }

  /// The class a waiter counts as at `now`: its own, improved by one per aging step waited.
  func standing(_ waiter: Waiter, now: Duration) -> Int {
    let step = CallPriority.agingStep.wholeMicroseconds
    let waited = max(0, (now - waiter.since).wholeMicroseconds)
    let steps = step > 0 ? Int(min(Int64(CallPriority.allCases.count), waited / step)) : 0
    return max(0, waiter.priority.rawValue - steps)
  }
}
