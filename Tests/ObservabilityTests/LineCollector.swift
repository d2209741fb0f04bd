import Observability
import Synchronization

/// A log sink that keeps every line it is given.
final class LineCollector: Sendable {
  private let stored = Mutex<[String]>([])

  /// The sink to hand to a handler.
  var sink: LogSink { LogSink { line in self.stored.withLock { $0.append(line) } } }

  /// The lines written so far.
  var lines: [String] { stored.withLock { $0 } }
}
