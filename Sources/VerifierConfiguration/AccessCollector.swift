import Configuration
import Synchronization

/// Records whether a configuration read failed (a value of the wrong type), between two
/// ``takeFailed()`` calls.
final class AccessCollector: AccessReporter {
  private let failed = Mutex(false)

  func report(_ event: AccessEvent) {
    var bad = event.conversionError != nil
    if case .failure = event.result { bad = true }
    for result in event.providerResults {
      if case .failure = result.result { bad = true }
    }
    if bad { failed.withLock { $0 = true } }
  }

  /// Whether a read failed since the last call; resets.
  func takeFailed() -> Bool {
    failed.withLock { value in
      defer { value = false }
      return value
    }
  }
}
