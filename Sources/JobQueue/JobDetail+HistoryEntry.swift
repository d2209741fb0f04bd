import Foundation

extension JobDetail {
  /// One line of the job's history: what happened, when, and which daemon wrote it.
  public struct HistoryEntry: Sendable, Codable, Equatable {
    /// When it happened.
    public var at: Date
    /// The daemon instance that wrote it, if any.
    public var instance: String?
    /// What happened.
    public var event: JobEvent

    /// Creates a line.
    public init(at: Date, instance: String?, event: JobEvent) {
      self.at = at
      self.instance = instance
      self.event = event
    }
  }
}
