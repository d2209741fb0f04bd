import Logging

/// A log handler that hands each message to a closure.
struct MessageHook: LogHandler {
  let onMessage: @Sendable (String) -> Void
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    onMessage(event.message.description)
  }
}
