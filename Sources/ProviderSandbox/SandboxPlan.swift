import Foundation

/// The engine's decision for one request: an optional delay, then an action.
public struct SandboxPlan: Sendable {
  /// Latency to add before acting.
  public var delay: Duration
  /// What to do.
  public var action: SandboxAction
}
