/// Which calls go first when a provider's permits are scarce: money a customer is waiting for,
/// then polls that move a job on, then polls that only watch for a late return.
///
/// A waiting call ages one class per ``CallPriority/agingStep`` of waiting, so no class starves:
/// a `watch` call waits at most two steps longer than a `money` call that arrived with it.
public enum CallPriority: Int, Sendable, Hashable, Comparable, CaseIterable {
  /// An initiate or verify, or a read that reconciles one.
  case money = 0
  /// A details poll of a job whose deposits have not settled yet.
  case poll = 1
  /// A details read of a job awaiting amounts: it only watches for a late return.
  case watch = 2

  /// How long a waiting call takes to rise one class.
  public static let agingStep: Duration = .seconds(2)

  /// The label used in metrics.
  public var label: String {
    switch self {
    case .money: "money"
    case .poll: "poll"
    case .watch: "watch"
    }
  }

  /// Orders by urgency: `money` first.
  public static func < (lhs: CallPriority, rhs: CallPriority) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
