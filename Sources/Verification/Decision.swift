/// What the machine decided: the job as it will be once the actions are written, and the
/// actions in order (at most one provider call, always last).
public struct Decision: Sendable, Hashable {
  /// The job after the decision's writes.
  public var job: JobSnapshot
  /// The actions, in the order the daemon must carry them out.
  public var actions: [Action]

  /// Creates a decision.
  public init(job: JobSnapshot, actions: [Action]) {
    self.job = job
    self.actions = actions
  }

  /// The provider call to make after committing the other actions, if any.
  public var providerCall: Action? { actions.last(where: \.isProviderCall) }

  /// The state writes, in order.
  public var stateWrites: [StateWrite] {
    actions.compactMap { action in
      if case .writeState(let write) = action { return write }
      return nil
    }
  }
}
